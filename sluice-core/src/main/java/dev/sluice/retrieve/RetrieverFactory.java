package dev.sluice.retrieve;

import dev.sluice.embed.Embedder;

/**
 * Retrieval over one index with chosen ranking settings: the seam evaluation and tuning search
 * through, so that they never name an index engine's types. {@link LuceneRetriever#over} gives the
 * embedded one.
 */
@FunctionalInterface
public interface RetrieverFactory {
    /** A retriever with these settings; {@code embedder} may be null when only BM25 is searched. */
    VectorRetriever open(RetrievalSettings settings, Embedder embedder);
}
