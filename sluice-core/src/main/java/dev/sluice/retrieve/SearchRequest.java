package dev.sluice.retrieve;

import dev.sluice.core.Checks;

/**
 * One search.
 *
 * @param query the user's question or keywords
 * @param mode bm25, dense or hybrid
 * @param k number of results wanted, 1..1000
 * @param filters metadata filters applied inside the query
 */
public record SearchRequest(String query, SearchMode mode, int k, SearchFilters filters) {
    public SearchRequest {
        Checks.notNull("query", query);
        if (query.isBlank()) {
            throw new IllegalArgumentException("query must not be blank");
        }
        Checks.notNull("mode", mode);
        Checks.inRange("k", k, 1, 1000);
        filters = filters == null ? SearchFilters.NONE : filters;
    }
}
