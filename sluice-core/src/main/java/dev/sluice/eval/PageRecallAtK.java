package dev.sluice.eval;

import dev.sluice.core.Checks;

/**
 * The share of the query's evidence items (judged pages or passages) that some chunk among the
 * top k covers. A chunk spanning pages 59 to 61 covers both page 59 and page 60 of one query. No trec_eval counterpart: chunks are ranked as the retriever returned them, and a chunk covers
 * an item as {@link Evidence#coveredBy} says.
 *
 * @param k the cutoff in chunks, {@code > 0}
 */
public record PageRecallAtK(int k) implements Metric {
    public PageRecallAtK {
        Checks.positive("k", k);
    }

    @Override
    public String name() {
        return "page_recall@" + k;
    }

    @Override
    public double score(JudgedRanking ranking) {
        return ranking.evidenceCount() == 0 ? 0 : (double) ranking.evidenceCoveredInTop(k) / ranking.evidenceCount();
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
