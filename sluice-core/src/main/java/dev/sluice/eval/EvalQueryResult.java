package dev.sluice.eval;

import java.util.List;
import java.util.Map;

/**
 * One query's result in one mode of an evaluation run.
 *
 * @param mode retrieval mode
 * @param queryId the query
 * @param values metric name to value
 * @param relevantRanks each relevant document's rank in the document ranking (1-based), 0 when not retrieved
 * @param topDocuments the first documents retrieved, in rank order
 */
public record EvalQueryResult(
        String mode,
        String queryId,
        Map<String, Double> values,
        Map<String, Integer> relevantRanks,
        List<String> topDocuments) {
    public EvalQueryResult {
        // Kept in their given order (metrics as asked for, documents as judged), for reports.
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        relevantRanks = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(relevantRanks));
        topDocuments = List.copyOf(topDocuments);
    }
}
