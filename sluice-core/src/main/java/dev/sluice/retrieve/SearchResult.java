package dev.sluice.retrieve;

import java.util.List;
import java.util.Optional;

/**
 * A search's hits and, when a reranker ran over them, what it did.
 *
 * @param hits best first, ranks 1..n
 * @param reranking what the reranker did; empty when no reranking was configured or asked for
 * @param match the documents the question names, which hybrid search boosted ({@link DocumentMatch#NONE}
 *     when none, or for BM25 and dense searches)
 */
public record SearchResult(List<SearchHit> hits, Optional<Reranking> reranking, DocumentMatch match) {
    public SearchResult {
        hits = List.copyOf(hits);
        reranking = reranking == null ? Optional.empty() : reranking;
        match = match == null ? DocumentMatch.NONE : match;
    }

    public SearchResult(List<SearchHit> hits, Optional<Reranking> reranking) {
        this(hits, reranking, DocumentMatch.NONE);
    }

    /** This result with the documents its question named. */
    public SearchResult withMatch(DocumentMatch documents) {
        return new SearchResult(hits, reranking, documents);
    }

    /** Hits of a search without reranking. */
    public static SearchResult firstStage(List<SearchHit> hits) {
        return new SearchResult(hits, Optional.empty());
    }

    /** The hits a reranking left. */
    public static SearchResult reranked(Reranking reranking) {
        return new SearchResult(reranking.hits(), Optional.of(reranking));
    }
}
