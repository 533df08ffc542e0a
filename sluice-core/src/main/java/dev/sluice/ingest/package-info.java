/**
 * The ingestion run: ties source, extraction, normalization, chunking, embedding and indexing
 * together, keeps every core busy embedding, and accounts for every item.
 *
 * <p>Invariant: {@code seen == ingested + quarantined}. A failure of one item becomes a
 * {@link dev.sluice.ingest.Quarantined} record with a {@link dev.sluice.core.QuarantineReason};
 * only a failure of the index itself stops the run, and then nothing of it is committed.
 */
package dev.sluice.ingest;
