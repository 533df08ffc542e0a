package dev.sluice.catalog;

/**
 * What one run did. {@code seen == ingested + unchanged + quarantined}.
 *
 * @param seen items listed
 * @param ingested documents (re)indexed
 * @param unchanged documents skipped because their change signal did not move
 * @param quarantined items quarantined (including unchanged items still quarantined)
 * @param deleted documents removed because their file is gone
 * @param chunks chunks written
 * @param embeddingsComputed vectors computed by the model
 * @param embeddingsReused vectors taken from the embedding cache
 */
public record RunCounts(
        int seen,
        int ingested,
        int unchanged,
        int quarantined,
        int deleted,
        int chunks,
        int embeddingsComputed,
        int embeddingsReused) {
    public static final RunCounts NONE = new RunCounts(0, 0, 0, 0, 0, 0, 0, 0);
}
