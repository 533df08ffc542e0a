package dev.sluice.ingest;

import dev.sluice.catalog.RunCounts;

/**
 * Told where one run starts and how it ends (OpenLineage events, {@code dev.sluice.lineage}).
 *
 * <p>Contract: {@link #started} once, right after the catalog numbered the run, then exactly one of
 * {@link #completed} or {@link #failed}; both on the thread that runs the pipeline. An observer must return
 * at once and never throw: the pipeline catches what it throws and goes on, but a slow observer slows the
 * run, so one that talks to a network hands the work to a thread of its own.
 */
public interface RunObserver {
    /** An observer that does nothing (runs outside a knowledge base, tests of the other stages). */
    RunObserver NONE = new RunObserver() {};

    /**
     * A run as it starts.
     *
     * @param runId the run's number in the catalog
     * @param startedMillis when it started (epoch milliseconds)
     * @param modelId the embedding model's id
     * @param modelVersion the embedding model's version
     * @param chunkerVersion the chunker's version (its settings included); null for a run that failed before
     *     its pipeline started (no source could be listed)
     */
    record Start(long runId, long startedMillis, String modelId, String modelVersion, String chunkerVersion) {}

    /** The run was numbered and starts its work. */
    default void started(Start run) {}

    /**
     * The run published: its index commit and catalog changes are done.
     *
     * @param newDocuments of the report's ingested documents, those the catalog had never seen (the rest changed)
     */
    default void completed(Start run, IngestReport report, int newDocuments) {}

    /**
     * The run published nothing: a contract failed, the index or catalog failed, or it was interrupted
     * ({@code aborted}).
     */
    default void failed(Start run, RunCounts counts, String message, boolean aborted) {}
}
