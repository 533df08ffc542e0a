package dev.sluice.eval;

import dev.sluice.core.Checks;

/**
 * 1 / the rank of the first chunk that covers any of the query's evidence items (a judged page
 * or passage), when that rank is within k; else 0. Ranks are chunk ranks, before chunks are grouped
 * into documents. No trec_eval counterpart: chunks are ranked as the retriever returned them, and a chunk covers
 * an item as {@link Evidence#coveredBy} says.
 *
 * @param k the cutoff in chunks, {@code > 0}
 */
public record PageMrrAtK(int k) implements Metric {
    public PageMrrAtK {
        Checks.positive("k", k);
    }

    @Override
    public String name() {
        return "page_mrr@" + k;
    }

    @Override
    public double score(JudgedRanking ranking) {
        int first = ranking.firstEvidenceRank();
        return first >= 1 && first <= k ? 1.0 / first : 0;
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
