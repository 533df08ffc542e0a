/**
 * OpenLineage: each ingest run told to a lineage backend (Marquez, DataHub, OpenMetadata, a file), so the
 * knowledge base appears in the same lineage graph as the pipelines that feed it.
 *
 * <p>Roles: {@link dev.sluice.lineage.LineageSettings} is the {@code lineage:} section;
 * {@link dev.sluice.lineage.IngestLineage} is the run's {@link dev.sluice.ingest.RunObserver} and builds the
 * events with the official client's model ({@code io.openlineage:openlineage-java}); {@code LineageDatasets}
 * names the sources and the index as datasets; {@link dev.sluice.lineage.LineageRunId} turns the catalog's run
 * number into a stable UUID; {@link dev.sluice.lineage.LineageEmitter} sends through the client's HTTP or
 * file transport (or standard error for {@code console}).
 *
 * <p>Flow: the pipeline numbers the run and tells the observer ({@code started}, START); after the index
 * commit and catalog changes it tells {@code completed} (COMPLETE, with counts and quarantine reasons); a
 * contract or storage failure tells {@code failed} (FAIL with {@code errorMessage}), an interrupt ABORT.
 *
 * <p>Invariants: lineage never fails or slows a run. Events leave on the {@code sluice-lineage} thread in the
 * order given, each send bounded by {@code lineage.timeoutMs}; a failure is logged once per run with its
 * reason; closing the knowledge base waits a bounded time for what is queued. The run id of a catalog run is
 * the same in every event and on every machine that reads the same index folder path.
 *
 * <p>Traps: an event that cannot be delivered is dropped, not retried (a receiver that was down misses those
 * runs; the catalog still has them: {@code sluice runs}). A FAIL event's counts are what the run did before it
 * stopped; none of it was published. The client's Jackson-based model must stay on the build's one Jackson
 * (2.20): check {@code dependency:tree} when moving either.
 */
package dev.sluice.lineage;
