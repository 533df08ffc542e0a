package dev.sluice.eval;

import dev.sluice.core.Checks;

/**
 * The reciprocal of the rank of the first relevant document if it is within the top k, else 0.
 * trec_eval's {@code recip_rank} has no cutoff; it equals this metric with k at least the ranking's
 * length.
 *
 * @param k the cutoff, {@code > 0}
 */
public record MrrAtK(int k) implements Metric {
    public MrrAtK {
        Checks.positive("k", k);
    }

    @Override
    public String name() {
        return "mrr@" + k;
    }

    @Override
    public double score(JudgedRanking ranking) {
        for (int rank = 1; rank <= Math.min(k, ranking.size()); rank++) {
            if (ranking.isRelevantAt(rank)) {
                return 1.0 / rank;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return name();
    }
}
