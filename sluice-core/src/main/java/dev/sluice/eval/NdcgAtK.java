package dev.sluice.eval;

import dev.sluice.core.Checks;

/**
 * Normalized discounted cumulative gain over the top k, trec_eval's {@code ndcg_cut.k}: gain is the
 * grade (grades {@code <= 0} give 0), the document at rank r (from 1) is discounted by {@code
 * log2(r + 1)}, and the sum is divided by the same sum over the ideal ranking (the relevant grades,
 * highest first) cut at k. A query without relevant documents scores 0.
 *
 * @param k the cutoff, {@code > 0}
 */
public record NdcgAtK(int k) implements Metric {
    private static final double LN2 = Math.log(2);

    public NdcgAtK {
        Checks.positive("k", k);
    }

    @Override
    public String name() {
        return "ndcg@" + k;
    }

    @Override
    public double score(JudgedRanking ranking) {
        double dcg = 0;
        for (int rank = 1; rank <= Math.min(k, ranking.size()); rank++) {
            int gain = ranking.gradeAt(rank);
            if (gain > 0) {
                dcg += gain / log2(rank + 1);
            }
        }
        double idcg = 0;
        for (int rank = 1; rank <= Math.min(k, ranking.relevantCount()); rank++) {
            idcg += ranking.idealGradeAt(rank) / log2(rank + 1);
        }
        return idcg > 0 ? dcg / idcg : 0;
    }

    private static double log2(int x) {
        return Math.log(x) / LN2;
    }

    @Override
    public String toString() {
        return name();
    }
}
