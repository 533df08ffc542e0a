package dev.sluice.eval;

import dev.sluice.core.Checks;

/**
 * 1 when at least one relevant document is in the top k, else 0: trec_eval's {@code success.k}.
 *
 * @param k the cutoff, {@code > 0}
 */
public record HitAtK(int k) implements Metric {
    public HitAtK {
        Checks.positive("k", k);
    }

    @Override
    public String name() {
        return "hit@" + k;
    }

    @Override
    public double score(JudgedRanking ranking) {
        return Cutoffs.relevantInTop(ranking, k) > 0 ? 1 : 0;
    }

    @Override
    public String toString() {
        return name();
    }
}
