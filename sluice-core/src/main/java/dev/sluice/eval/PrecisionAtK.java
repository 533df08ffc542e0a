package dev.sluice.eval;

import dev.sluice.core.Checks;

/**
 * Relevant documents in the top k divided by k, trec_eval's {@code P.k}. The divisor is k even when
 * fewer than k documents were retrieved: the missing places count as non-relevant.
 *
 * @param k the cutoff, {@code > 0}
 */
public record PrecisionAtK(int k) implements Metric {
    public PrecisionAtK {
        Checks.positive("k", k);
    }

    @Override
    public String name() {
        return "p@" + k;
    }

    @Override
    public double score(JudgedRanking ranking) {
        return (double) Cutoffs.relevantInTop(ranking, k) / k;
    }

    @Override
    public String toString() {
        return name();
    }
}
