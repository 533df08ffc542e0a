package dev.sluice.ingest;

/**
 * Choices for one run, beyond what to ingest.
 *
 * @param retryQuarantined try quarantined files again even when they did not change
 * @param pruneUnlistedSources remove the documents of sources that are no longer listed at all (a
 *     source dropped from sluice.yaml); off for ad-hoc runs over a few folders, which must not delete
 *     the other sources of the index
 */
public record RunOptions(boolean retryQuarantined, boolean pruneUnlistedSources) {
    public static final RunOptions DEFAULTS = new RunOptions(false, false);
}
