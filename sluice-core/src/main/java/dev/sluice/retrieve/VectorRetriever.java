package dev.sluice.retrieve;

import java.util.List;

/**
 * A {@link Retriever} that also takes a query vector computed beforehand: evaluation embeds each
 * query once and searches it in several modes and settings.
 */
public interface VectorRetriever extends Retriever {
    /** As {@link #search(SearchRequest)}, with the query's vector given ({@code null} for BM25). */
    List<SearchHit> search(SearchRequest request, float[] queryVector);
}
