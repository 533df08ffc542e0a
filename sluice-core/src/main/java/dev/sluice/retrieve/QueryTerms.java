package dev.sluice.retrieve;

import dev.sluice.index.IndexLanguage;
import java.util.Set;

/**
 * The terms of a text after an index's analysis (lower case, stop words, stemming), in order. Always
 * pass the language the index records ({@code index.settings().language()}): terms analyzed in
 * another language silently miss.
 */
public final class QueryTerms {
    private QueryTerms() {}

    /** "Running dogs ran" in English gives {run, dog, ran}: what BM25 would match. */
    public static Set<String> of(String text, IndexLanguage language) {
        return Snippets.analyze(text, language);
    }
}
