package dev.sluice.eval;

import dev.sluice.core.Checks;

/**
 * 1 when a chunk among the top k covers one of the query's evidence items (a judged page or
 * passage), else 0. No trec_eval counterpart: chunks are ranked as the retriever returned them, and a chunk covers
 * an item as {@link Evidence#coveredBy} says.
 *
 * @param k the cutoff in chunks, {@code > 0}
 */
public record PageHitAtK(int k) implements Metric {
    public PageHitAtK {
        Checks.positive("k", k);
    }

    @Override
    public String name() {
        return "page_hit@" + k;
    }

    @Override
    public double score(JudgedRanking ranking) {
        return ranking.evidenceCoveredInTop(k) > 0 ? 1 : 0;
    }

    @Override
    public boolean needsEvidence() {
        return true;
    }

    @Override
    public String toString() {
        return name();
    }
}
