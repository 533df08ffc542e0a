package dev.sluice.eval;

import dev.sluice.core.Checks;

/**
 * One question of an evaluation set.
 *
 * @param id the query id the qrels use
 * @param text the question as a user would type it
 * @param referenceAnswer a reference answer for answer-quality checks, or {@code null} when the set
 *     has none (BEIR sets never do)
 */
public record EvalQuery(String id, String text, String referenceAnswer) {
    public EvalQuery {
        Checks.notNull("id", id);
        Checks.notNull("text", text);
        if (id.isBlank()) {
            throw new IllegalArgumentException("query id must not be blank");
        }
    }
}
