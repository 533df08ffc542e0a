package dev.sluice.index;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The index seam, as ingestion writes it: chunks with their text, vector, metadata and access
 * tokens, replaced a document at a time. The embedded implementation is {@link LuceneIndex} (BM25
 * text, HNSW vectors, stored fields in one Lucene index); a shared engine plugs in behind this
 * interface, and search reaches it through a {@link dev.sluice.retrieve.Retriever}. Nothing here names
 * an engine's types.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #replaceDocument} is atomic for readers: a search sees all of a document's old chunks
 *       or all of its new ones, never a mix, once {@link #commit} (other processes) or {@link
 *       #refresh} (this process) has run.
 *   <li>{@link #commit} makes every write so far durable; {@link #discardUncommitted} drops the
 *       writes since the last commit, so a failed run never leaks into the next run's commit.
 *   <li>One embedding space per index ({@link #settings}): a new model builds a new generation beside
 *       the active one, and {@link #activateGeneration} switches readers to it in one step.
 * </ul>
 */
public interface ChunkIndex extends AutoCloseable {
    /** Where the index lives, for messages. */
    Path path();

    /** The model (id, version, dimensions) whose vectors this index holds. */
    IndexSettings settings();

    /** The URI of every document with chunks in the index (committed or written by this writer). */
    Set<String> documentUris();

    /**
     * The last page of every document with chunks in the index, by URI: the highest page a chunk of it
     * ends on, 0 for a document whose format has no pages. Pages without text make no chunk, so a
     * document's trailing blank or image-only pages are not counted. Evaluation checks judged pages
     * against it.
     */
    Map<String, Integer> lastPages();

    /** Replaces every chunk of {@code document} with {@code chunks}, atomically for readers. */
    void replaceDocument(DocumentInfo document, List<IndexedChunk> chunks);

    /** Removes every chunk of the document. */
    void deleteDocument(String uri);

    /** Makes everything written so far durable and visible to other processes. */
    void commit();

    /** Drops every change since the last commit. */
    void discardUncommitted();

    /** Makes writes so far visible to searchers of this process (not durable). */
    void refresh();

    /** Chunks in the index. */
    int chunkCount();

    /**
     * Sends what this writer buffered to a shared engine without publishing it (a Spark executor's task
     * end: its writes must outlive it, unseen until the driver commits); nothing for an embedded index.
     */
    default void flush() {}

    /**
     * Takes {@code chunkIds} of {@code uri}, sent since the last commit by another writer of this run (a Spark
     * executor), as this writer's own: that write supersedes what this writer buffered for the document,
     * {@link #discardUncommitted} deletes them too, and a later replacement of the document removes those it
     * no longer has. Nothing for an embedded index (one writer).
     */
    default void adoptSent(String uri, java.util.Collection<String> chunkIds, int lastPage) {}

    /** Whether this writer builds a new generation (a new embedding model) beside the active one. */
    boolean buildingNewGeneration();

    /** Makes the generation this writer built the active one, atomically for readers. */
    void activateGeneration();

    @Override
    void close();
}
