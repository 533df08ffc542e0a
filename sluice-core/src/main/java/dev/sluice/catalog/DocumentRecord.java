package dev.sluice.catalog;

/**
 * What the catalog knows of one document: the truth about what should be in the index.
 *
 * @param uri the document's identity
 * @param source source name
 * @param path source-relative path
 * @param sizeBytes size when last processed (the cheap change signal, with the modification time)
 * @param modifiedMillis modification time when last processed
 * @param contentHash SHA-256 of the normalized text; null when quarantined before normalization
 * @param status {@link #INDEXED} or {@link #QUARANTINED}
 * @param reason quarantine reason label, or null
 * @param message quarantine message, or null
 * @param chunkerVersion chunker and settings that made its chunks, or null
 * @param modelId embedding model of its vectors, or null
 * @param modelVersion that model's version, or null
 * @param chunkCount chunks in the index
 * @param firstSeenMillis when a run first listed it
 * @param lastSeenMillis when a run last listed it
 * @param runId the run that last changed it
 * @param sourceVersion the source's change token when last processed (see {@code SourceItem#version}), or null
 * @param access who may read it, as {@code AccessList#fingerprint()}; null for records older than access
 *     control, which read as public
 */
public record DocumentRecord(
        String uri,
        String source,
        String path,
        long sizeBytes,
        long modifiedMillis,
        String contentHash,
        String status,
        String reason,
        String message,
        String chunkerVersion,
        String modelId,
        String modelVersion,
        int chunkCount,
        long firstSeenMillis,
        long lastSeenMillis,
        long runId,
        String sourceVersion,
        String access) {
    public static final String INDEXED = "indexed";
    public static final String QUARANTINED = "quarantined";

    /**
     * A record without a source version (the change signal is size and modification time) or an
     * access list (open to every caller).
     */
    public DocumentRecord(
            String uri,
            String source,
            String path,
            long sizeBytes,
            long modifiedMillis,
            String contentHash,
            String status,
            String reason,
            String message,
            String chunkerVersion,
            String modelId,
            String modelVersion,
            int chunkCount,
            long firstSeenMillis,
            long lastSeenMillis,
            long runId) {
        this(
                uri,
                source,
                path,
                sizeBytes,
                modifiedMillis,
                contentHash,
                status,
                reason,
                message,
                chunkerVersion,
                modelId,
                modelVersion,
                chunkCount,
                firstSeenMillis,
                lastSeenMillis,
                runId,
                null,
                null);
    }

    public boolean indexed() {
        return INDEXED.equals(status);
    }
}
