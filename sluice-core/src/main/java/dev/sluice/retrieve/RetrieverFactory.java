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

    /**
     * Whether its retrievers rank BM25 with any k1 and b; an OpenSearch index fixes them when it is created,
     * so tuning leaves them at the defaults there.
     */
    default boolean bm25Tunable() {
        return true;
    }

    /** {@code factory}, saying that BM25's k1 and b cannot change. */
    static RetrieverFactory withFixedBm25(RetrieverFactory factory) {
        return new RetrieverFactory() {
            @Override
            public VectorRetriever open(RetrievalSettings settings, Embedder embedder) {
                return factory.open(settings, embedder);
            }

            @Override
            public boolean bm25Tunable() {
                return false;
            }
        };
    }
}
