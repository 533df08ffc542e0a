/**
 * Ingestion as a Spark job ({@code spark-submit}, or {@code local[N]}): the same run as {@code sluice sync},
 * with the documents prepared and embedded on executors.
 *
 * <p>Flow: {@link dev.sluice.spark.SparkIngest} (driver) reads sluice.yaml, opens the catalog and the index,
 * lists the sources and runs {@link dev.sluice.ingest.IngestPipeline} with a
 * {@link dev.sluice.ingest.RemotePreparation}: the pipeline finds the changed documents (its own change
 * detection) and hands them over; the driver sends them out in waves as JSON strings ({@code Wire}), one
 * Spark task per partition ({@code PartitionTask}) prepares each with {@link dev.sluice.ingest.DocumentProcessor}
 * and embeds its chunks, and the results come back to the pipeline's thread, which accounts for them and
 * publishes the run (commit, catalog, run record, sources, lineage) exactly as a local run.
 *
 * <p>Roles: {@code ExecutorResources} holds what a JVM opens once (config, model, extractor, the embedded
 * catalog's vector cache); {@code ExecutorChecks} runs the quality checks on an executor;
 * {@code SharedIndexes} opens a shared index backend (by {@link dev.sluice.backend.BackendProvider}) for
 * executors that write themselves; {@code SparkIngestArgs} is the command line.
 *
 * <p>Invariants: a document gets the chunk ids a CLI run gives it (same stage code, same settings); the
 * embedded Lucene index has one writer, the driver; every item given to the executors comes back exactly
 * once (a count mismatch fails the run); nothing reaches the catalog before the index commit.
 *
 * <p>Shared index (OpenSearch): each task opens its own writer, writes its documents and {@code flush}es them
 * (sent, unpublished) before its results return; the driver {@code adoptSent}s each written document, so its
 * commit publishes the executors' writes in one refresh and a failed run's {@code discardUncommitted} deletes
 * them (the driver also discards when the pipeline throws, a failed commit included). A killed driver leaves
 * sent, unpublished documents: the next run starts with a refresh, so its change detection sees them as
 * orphans or changed documents and reconciles them; its writer lock (a PostgreSQL session lock) died with it.
 *
 * <p>Traps: Spark retries a failed task, so a task must be repeatable: shared-index writes are
 * {@code replaceDocument} (idempotent) and nothing else is written on executors. An adopted write must
 * supersede what the driver's writer buffered for the document (an orphan's deletion at the run's start),
 * or the commit deletes the executor's new chunks. Core records are not
 * {@code Serializable}: they travel as JSON, and anything a task captures must be (a lambda or inner class
 * of the driver's {@code SparkIngest} would drag it along: keep tasks static classes). The model and the
 * extractor are never closed on executors (JVM lifetime).
 */
package dev.sluice.spark;
