package dev.sluice.eval;

import dev.sluice.core.Checks;

/**
 * One retrieved document and its score, as in one line of a TREC run file. Higher scores rank
 * higher; see {@link Ranking#byScore} for how ties are broken.
 *
 * @param docId the document id (or URI) as the qrels name it
 * @param score the retrieval score; any finite or infinite value, never NaN
 */
public record ScoredDoc(String docId, double score) {
    public ScoredDoc {
        Checks.notNull("docId", docId);
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("score of document '" + docId + "' must be a number, got NaN");
        }
    }
}
