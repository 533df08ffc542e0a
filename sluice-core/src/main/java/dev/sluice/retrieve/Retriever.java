package dev.sluice.retrieve;

import java.util.List;

/**
 * Ranks chunks for a query. Contract: at most {@code k} hits, best first, ranks 1..n; filters are
 * applied inside the index query; scores are comparable only within one result list. Thread-safe.
 */
public interface Retriever {
    List<SearchHit> search(SearchRequest request);
}
