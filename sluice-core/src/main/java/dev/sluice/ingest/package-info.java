/**
 * The ingestion run: ties source, extraction, normalization, chunking, embedding and indexing
 * together, keeps every core busy embedding, and accounts for every item.
 *
 * <p>Invariant: {@code seen == ingested + quarantined}. A failure of one item becomes a
 * {@link dev.sluice.ingest.Quarantined} record with a {@link dev.sluice.core.QuarantineReason};
 * only a failure of the index itself stops the run, and then nothing of it is committed. The run
 * writes through the seams {@link dev.sluice.catalog.Catalog} and {@link dev.sluice.index.ChunkIndex},
 * never a storage engine's types.
 *
 * <p>{@code IngestPipeline} is longer than the project's 500-line guide: it holds the run's threads
 * (one preparing documents ahead, one embedding per core), the per-document hand-over between them and
 * the accounting that must reconcile at the end; these share the run's state and its failure handling,
 * and reading them in one file is how the "nothing is lost" argument can be checked.
 */
package dev.sluice.ingest;
