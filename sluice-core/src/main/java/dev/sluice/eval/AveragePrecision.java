package dev.sluice.eval;

/**
 * Average precision over the whole ranking, trec_eval's {@code map} for one query: the precision at
 * the rank of each relevant retrieved document, summed and divided by the number of relevant
 * documents of the query (retrieved or not). A query without relevant documents scores 0. Its mean
 * over queries is MAP.
 */
public record AveragePrecision() implements Metric {
    @Override
    public String name() {
        return "map";
    }

    @Override
    public double score(JudgedRanking ranking) {
        double sum = 0;
        int relevantSoFar = 0;
        for (int rank = 1; rank <= ranking.size(); rank++) {
            if (ranking.isRelevantAt(rank)) {
                relevantSoFar++;
                sum += (double) relevantSoFar / rank;
            }
        }
        return relevantSoFar > 0 ? sum / ranking.relevantCount() : 0;
    }

    @Override
    public String toString() {
        return name();
    }
}
