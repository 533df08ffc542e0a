package dev.sluice.client;

import java.util.List;

/**
 * What a search returned.
 *
 * @param query the search as sent
 * @param hits the ranked hits, best first (at most k; fewer when fewer chunks match the filters or the
 *     caller may read fewer)
 * @param reranked whether a reranker reordered the hits
 * @param traceId the service's trace of the request (look it up in {@code /v1/traces/{id}}); null from an
 *     embedded knowledge base
 */
public record SearchResults(SearchQuery query, List<Hit> hits, boolean reranked, String traceId) {
    public SearchResults {
        hits = List.copyOf(hits);
    }
}
