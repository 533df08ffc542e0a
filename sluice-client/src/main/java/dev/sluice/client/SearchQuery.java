package dev.sluice.client;

/**
 * One search, as {@code /v1/search} takes it.
 *
 * <pre>{@code
 * SearchQuery q = SearchQuery.of("parental leave").withMode(Mode.HYBRID).withK(5).withFilters(Filters.NONE.withSources("hr"));
 * }</pre>
 *
 * @param text the question or keywords ({@code q=}); not blank
 * @param mode how to rank ({@code mode=})
 * @param k how many hits, 1 to 1000 ({@code k=})
 * @param filters what to keep, inside the index query
 * @param rerank null: as the service is configured; false: never rerank; true: rerank when the service has
 *     a reranker ({@code rerank=})
 */
public record SearchQuery(String text, Mode mode, int k, Filters filters, Boolean rerank) {
    public static final int DEFAULT_K = 5;

    public SearchQuery {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the search text must not be blank");
        }
        if (mode == null) {
            mode = Mode.HYBRID;
        }
        if (k < 1 || k > 1000) {
            throw new IllegalArgumentException("k must be from 1 to 1000, got " + k);
        }
        if (filters == null) {
            filters = Filters.NONE;
        }
    }

    /** A hybrid search for the {@value #DEFAULT_K} best chunks, without filters, reranked as configured. */
    public static SearchQuery of(String text) {
        return new SearchQuery(text, Mode.HYBRID, DEFAULT_K, Filters.NONE, null);
    }

    public SearchQuery withMode(Mode m) {
        return new SearchQuery(text, m, k, filters, rerank);
    }

    public SearchQuery withK(int n) {
        return new SearchQuery(text, mode, n, filters, rerank);
    }

    public SearchQuery withFilters(Filters f) {
        return new SearchQuery(text, mode, k, f, rerank);
    }

    public SearchQuery withRerank(Boolean r) {
        return new SearchQuery(text, mode, k, filters, r);
    }
}
