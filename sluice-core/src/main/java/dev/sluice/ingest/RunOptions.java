package dev.sluice.ingest;

import dev.sluice.core.AccessList;
import dev.sluice.quality.QualitySettings;
import dev.sluice.transform.TransformSettings;
import java.util.Map;

/**
 * Choices for one run, beyond what to ingest.
 *
 * @param retryQuarantined try quarantined files again even when they did not change
 * @param pruneUnlistedSources remove the documents of sources that are no longer listed at all (a
 *     source dropped from sluice.yaml); off for ad-hoc runs over a few folders, which must not delete
 *     the other sources of the index
 * @param access who may read each source's documents, by source name; a source not named is open to
 *     every caller. A change re-indexes the source's documents (their vectors come from the cache).
 * @param quality each source's checks and contract; {@link QualitySettings#DEFAULTS} when sluice.yaml sets none
 * @param transforms the LLM transform steps to run on each document processed; {@link TransformSettings#NONE} for none
 * @param observer told where the run starts and how it ends (lineage events); {@link RunObserver#NONE} for nobody
 */
public record RunOptions(
        boolean retryQuarantined,
        boolean pruneUnlistedSources,
        Map<String, AccessList> access,
        QualitySettings quality,
        TransformSettings transforms,
        RunObserver observer) {
    public static final RunOptions DEFAULTS = new RunOptions(false, false);

    public RunOptions {
        access = Map.copyOf(access);
        quality = quality == null ? QualitySettings.DEFAULTS : quality;
        transforms = transforms == null ? TransformSettings.NONE : transforms;
        observer = observer == null ? RunObserver.NONE : observer;
    }

    /** Options told to nobody. */
    public RunOptions(
            boolean retryQuarantined,
            boolean pruneUnlistedSources,
            Map<String, AccessList> access,
            QualitySettings quality,
            TransformSettings transforms) {
        this(retryQuarantined, pruneUnlistedSources, access, quality, transforms, RunObserver.NONE);
    }

    /** Options without transforms. */
    public RunOptions(
            boolean retryQuarantined,
            boolean pruneUnlistedSources,
            Map<String, AccessList> access,
            QualitySettings quality) {
        this(retryQuarantined, pruneUnlistedSources, access, quality, TransformSettings.NONE);
    }

    /** Options where every source is open to every caller. */
    public RunOptions(boolean retryQuarantined, boolean pruneUnlistedSources) {
        this(retryQuarantined, pruneUnlistedSources, Map.of(), QualitySettings.DEFAULTS);
    }

    /** Options with the default checks and no contract. */
    public RunOptions(boolean retryQuarantined, boolean pruneUnlistedSources, Map<String, AccessList> access) {
        this(retryQuarantined, pruneUnlistedSources, access, QualitySettings.DEFAULTS);
    }

    /** Who may read the documents of this source. */
    public AccessList accessOf(String source) {
        return access.getOrDefault(source, AccessList.PUBLIC);
    }

    /** Who may read this document: its own list when it has one, else its source's. */
    public AccessList accessOf(dev.sluice.source.SourceItem item) {
        return item.access() != null ? item.access() : accessOf(item.source());
    }

    public RunOptions withAccess(Map<String, AccessList> bySource) {
        return new RunOptions(retryQuarantined, pruneUnlistedSources, bySource, quality, transforms, observer);
    }

    public RunOptions withQuality(QualitySettings settings) {
        return new RunOptions(retryQuarantined, pruneUnlistedSources, access, settings, transforms, observer);
    }

    public RunOptions withTransforms(TransformSettings settings) {
        return new RunOptions(retryQuarantined, pruneUnlistedSources, access, quality, settings, observer);
    }

    public RunOptions withObserver(RunObserver told) {
        return new RunOptions(retryQuarantined, pruneUnlistedSources, access, quality, transforms, told);
    }
}
