package dev.sluice.catalog;

import dev.sluice.core.ProcessOwner;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The catalog seam: the truth about what should be in the index. It records documents (with their
 * change signals, status and quarantine reasons), their chunk rows, runs and per-source sync state,
 * and caches vectors by model, model version and chunk content hash. The embedded implementation is
 * SQLite beside the index ({@code dev.sluice.sqlite.SqliteCatalog}); a shared deployment plugs in
 * another behind this interface, and must pass the contract suites of {@code dev.sluice.contract}.
 *
 * <p>Contract, which makes every run safe to repeat after a crash: {@link #putVectors} is durable as
 * soon as it returns (work done is never done again); {@link #apply} applies one run's document
 * changes atomically, and is called <em>after</em> the index commit, so a crash leaves the catalog
 * behind the index, never ahead. Implementations are thread-safe. Nothing here names a storage
 * engine's types.
 */
public interface Catalog extends AutoCloseable {

    /** Every document the catalog knows, by URI. */
    Map<String, DocumentRecord> documents();

    /** The document with this URI, or null. */
    DocumentRecord document(String uri);

    /** The documents a run last changed, by URI. */
    List<DocumentRecord> documentsOfRun(long runId);

    /** Where a chunk sits: its document, position, content hash and the run that wrote it. */
    record ChunkLineage(String id, String documentUri, int ordinal, String contentHash, long runId) {}

    /** The lineage of a chunk by id, or null when the catalog has no such chunk. */
    ChunkLineage chunk(String id);

    /** One chunk row: id and content hash, in document order. */
    record ChunkRow(String id, String contentHash) {}

    /** The chunk rows of a document, in order (empty when unknown or quarantined). */
    List<ChunkRow> chunks(String documentUri);

    /**
     * Documents counted by what status views need (source, status, reason, model, chunker, access
     * list), so they do not read every document: a knowledge base of 100,000 chunks has a few dozen
     * groups.
     */
    List<DocumentGroup> documentGroups();

    /**
     * One group of {@link #documentGroups}.
     *
     * @param reason the quarantine reason's name, or null for indexed documents
     * @param access the access fingerprint the documents share (null where none was recorded)
     * @param documents how many
     * @param chunks their chunks
     */
    record DocumentGroup(
            String source,
            String status,
            String reason,
            String modelId,
            String modelVersion,
            String chunkerVersion,
            String access,
            int documents,
            long chunks) {
        public boolean indexed() {
            return DocumentRecord.INDEXED.equals(status);
        }
    }

    /** The quarantined documents (a knowledge base's few failures, for examples and reasons). */
    List<DocumentRecord> quarantinedDocuments();

    /** Number of chunk rows. */
    int chunkCount();

    /** Document changes of one run, applied atomically after the index commit. */
    sealed interface Change {
        /** The document is indexed with these chunks (id, content hash), in order. */
        record Indexed(DocumentRecord document, List<ChunkRow> chunks) implements Change {}

        /** The document is quarantined (its chunks are gone from the index). */
        record Quarantined(DocumentRecord document) implements Change {}

        /** The document's file is gone; so are its chunks. */
        record Deleted(String uri) implements Change {}

        /** The document was listed and had not changed. */
        record Seen(String uri, long nowMillis) implements Change {}
    }

    /**
     * A document a run removed because its file was gone; kept until a document with the same URI is
     * recorded again.
     *
     * @param uri the document's identity
     * @param source its source's name
     * @param path its source-relative path
     * @param access its access fingerprint when it was removed (null: open)
     * @param indexedRunId the run that last changed it before it was removed
     * @param removedRunId the run that removed it
     */
    record Removal(String uri, String source, String path, String access, long indexedRunId, long removedRunId) {}

    /** Removed documents whose URI or source-relative path is {@code ref}, most recently removed first. */
    List<Removal> removals(String ref);

    /** Applies a run's document changes atomically. */
    void apply(long runId, List<Change> changes);

    /** Cached vectors of a model for the given chunk content hashes (those it has). */
    Map<String, float[]> vectors(String modelId, String modelVersion, Collection<String> contentHashes);

    /** Stores computed vectors durably at once: work done is never done again. Existing entries stay. */
    void putVectors(String modelId, String modelVersion, Map<String, float[]> byContentHash);

    /** Number of cached vectors (all models). */
    int cachedVectorCount();

    /** Records the start of a run by this process and returns its number (increasing); see the three-argument form. */
    default long startRun(String trigger, long nowMillis) {
        return startRun(trigger, nowMillis, ProcessOwner.current());
    }

    /**
     * Records the start of a run by {@code owner} and returns its number (increasing). In the same step,
     * every earlier run still marked running whose owner is gone ({@link ProcessOwner#gone()}: killed,
     * or the machine restarted) is closed as {@link RunRecord#INTERRUPTED}, finished at {@code nowMillis}
     * with the error "interrupted: found at TIME by run N; ...". A run of a live process, or of a
     * process on another host (which cannot be seen from here), is left alone. A run recorded before
     * owners were kept is closed too; should its process still be running after all, its own
     * {@link #finishRun} overwrites the mark, as it would for any run closed by mistake.
     */
    long startRun(String trigger, long nowMillis, ProcessOwner owner);

    /** Records how a run ended. */
    void finishRun(long runId, long nowMillis, String status, RunCounts counts, String error);

    /** What the catalog knows of a source's syncs. */
    record SourceState(String name, long lastRunId, long lastOkMillis, long lastFailedMillis, String lastError) {}

    /** Records that a run finished for these sources, successfully (error null) or not. */
    void recordSources(long runId, Collection<String> names, long nowMillis, String error);

    /** Every source the catalog has seen a run for, by name, in name order. */
    Map<String, SourceState> sources();

    /** One run by number, or null. */
    RunRecord run(long id);

    /** The most recent runs, newest first. */
    List<RunRecord> runs(int limit);

    /**
     * Writes a consistent copy of the records and the vector cache to {@code target}, so a scratch
     * index can start from this one's (an embedded catalog copies its file).
     */
    void copyTo(Path target);

    @Override
    void close();
}
