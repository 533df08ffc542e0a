package dev.sluice.eval;

import dev.sluice.core.Checks;

/**
 * Relevant documents in the top k divided by all relevant documents of the query, trec_eval's
 * {@code recall.k}. A query without relevant documents scores 0.
 *
 * @param k the cutoff, {@code > 0}
 */
public record RecallAtK(int k) implements Metric {
    public RecallAtK {
        Checks.positive("k", k);
    }

    @Override
    public String name() {
        return "recall@" + k;
    }

    @Override
    public double score(JudgedRanking ranking) {
        if (ranking.relevantCount() == 0) {
            return 0;
        }
        return (double) Cutoffs.relevantInTop(ranking, k) / ranking.relevantCount();
    }

    @Override
    public String toString() {
        return name();
    }
}
