/**
 * The ingestion run: ties source, extraction, normalization, chunking, embedding and indexing
 * together, keeps every core busy embedding, and accounts for every item.
 *
 * <p>Invariant: {@code seen == ingested + unchanged + quarantined}. A failure of one item becomes a
 * {@link dev.sluice.ingest.Quarantined} record with a {@link dev.sluice.core.QuarantineReason};
 * only a failure of the index itself stops the run, and then nothing of it is committed. The run
 * writes through the seams {@link dev.sluice.catalog.Catalog} and {@link dev.sluice.index.ChunkIndex},
 * never a storage engine's types.
 *
 * <p>One run, by responsibility:
 * <ul>
 *   <li>{@code IngestPipeline}: the run's threads (one preparing documents ahead, one embedding per core),
 *       the preparation of each item (extract, normalize, check, chunk, enrich) and the end of the run:
 *       contracts measured before the index commit, the catalog applied after it, the failed paths.
 *   <li>{@code DocumentJob}: the hand-over of one prepared document to the embedding threads; whichever
 *       finishes its last chunk writes the whole document to the index in one block.
 *   <li>{@code RunAccount}: the "nothing is lost" accounting. Every item reaches exactly one ending
 *       (indexed, unchanged, quarantined) and every ending is counted there once, told to the quality
 *       checks ({@code RunQuality}) and transforms ({@code RunEnrichment}), and kept as the catalog change
 *       the run publishes; read that one file to check the invariant.
 *   <li>{@code DocumentProcessor}: the preparation of one document (extract, normalize, check, chunk,
 *       describe), called by the pipeline's extraction threads and by the Spark job's executors, so both give
 *       the same chunks and ids.
 *   <li>{@code RemotePreparation}, {@code RemoteDocument}, {@code RemoteResults}: a run whose changed documents
 *       are prepared and embedded elsewhere (Spark executors); each result comes back to the pipeline's thread
 *       and goes through the same {@code DocumentJob} and account as a local document (no transforms).
 *   <li>{@code EmbedBatcher}: for a model that takes batches (an endpoint), gathers chunks of any number of
 *       documents into one request each and hands the vectors back to their {@code DocumentJob}s; the last,
 *       partial batch is sent once every document is prepared.
 * </ul>
 *
 * <p>{@link dev.sluice.ingest.AdHocSourceStore} remembers the folders a run was given on the command
 * line ({@code sluice ingest DIR}, with its globs and {@code --gitignore}, not {@code --verify-content}),
 * so that {@code sluice sync} without PATH and without sources in sluice.yaml runs them again, unpruned.
 *
 * <p>An {@link dev.sluice.embed.EmbeddingUnavailableException} (an endpoint's budget spent, its breaker
 * open, or a reply from another model) is the model's failure, not the chunk's: it is the run's
 * {@code fatal} failure too, so a spent budget quarantines nothing and the next run resumes from the
 * vectors already cached.
 *
 * <p>Trap: the run's first failure of the index or catalog itself ({@code fatal}) is shared by all three;
 * after it nothing more is written, and the run discards what it wrote instead of committing.
 */
package dev.sluice.ingest;
