package dev.sluice.eval;

import dev.sluice.core.Checks;

/**
 * One document of a BEIR corpus ({@code corpus.jsonl}).
 *
 * @param id the {@code _id} the qrels name
 * @param title the title, empty when the corpus has none
 * @param text the body text, possibly empty
 */
public record CorpusDoc(String id, String title, String text) {
    public CorpusDoc {
        Checks.notNull("id", id);
        Checks.notNull("title", title);
        Checks.notNull("text", text);
    }
}
