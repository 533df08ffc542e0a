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
 * <p>Traps: Spark retries a failed task, so a task must be repeatable: shared-index writes are
 * {@code replaceDocument} (idempotent) and nothing else is written on executors. Core records are not
 * {@code Serializable}: they travel as JSON, and anything a task captures must be (a lambda or inner class
 * of the driver's {@code SparkIngest} would drag it along: keep tasks static classes). The model and the
 * extractor are never closed on executors (JVM lifetime).
 */
package dev.sluice.spark;
