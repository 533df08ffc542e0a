package dev.sluice.backend;

import dev.sluice.embed.Embedder;
import dev.sluice.index.IndexSettings;
import dev.sluice.retrieve.IndexRetriever;
import dev.sluice.retrieve.RetrievalSettings;
import java.util.Map;
import java.util.Set;

/**
 * The read side of the index seam: one generation of an index, opened for searching. The embedded one
 * reads a Lucene folder; a shared engine's reads its active index. Thread-safe.
 */
public interface SearchIndex extends AutoCloseable {
    /** Where the index lives, for messages: a folder, or an engine's URL and index name. */
    String describe();

    /** The model (id, version, dimensions) and language this generation was built with. */
    IndexSettings settings();

    /**
     * A retriever with these ranking settings. {@code embedder} may be null when only BM25 is searched;
     * one of another model than {@link #settings()} is refused, since vectors of two models are never
     * compared.
     */
    IndexRetriever retriever(RetrievalSettings settings, Embedder embedder);

    /**
     * Whether retrievers may rank BM25 with other k1 and b than the defaults (an OpenSearch index fixes
     * them when it is created).
     */
    default boolean bm25Tunable() {
        return true;
    }

    /** The retrievers of {@link #retriever}, as evaluation and tuning take them. */
    default dev.sluice.retrieve.RetrieverFactory retrievers() {
        dev.sluice.retrieve.RetrieverFactory open = this::retriever;
        return bm25Tunable() ? open : dev.sluice.retrieve.RetrieverFactory.withFixedBm25(open);
    }

    /** The URI of every document with chunks in the index. */
    Set<String> documentUris();

    /** The last page of every document with chunks, by URI (0 for a format without pages). */
    Map<String, Integer> lastPages();

    /** Chunks visible to searches now. */
    int chunkCount();

    /**
     * Whether another generation became the active one since this was opened (a new embedding model
     * finished building): searches should move to a newly opened one.
     */
    boolean superseded();

    /** Makes writes committed since it was opened visible to its searches. */
    void refresh();

    @Override
    void close();
}
