/**
 * The index: the {@link dev.sluice.index.ChunkIndex} seam that ingestion writes through (atomic
 * per-document replacement, commit, generations), and its embedded implementation,
 * {@link dev.sluice.index.LuceneIndex}: Apache Lucene on local disk with BM25 text, HNSW vectors and
 * stored metadata. Searches reach it through {@link dev.sluice.retrieve.Retriever}.
 *
 * <p>One Lucene document per chunk, built by {@code ChunkDocuments} ({@link dev.sluice.index.IndexFields}
 * names the fields); {@code LuceneIndex} keeps the writer, the searchers and the generations. The
 * field {@code body} (title, heading path and chunk text, English analyzer) serves BM25; the field
 * {@code vector} (unit vectors, dot product) serves HNSW search; everything a citation needs is
 * stored.
 *
 * <p>Invariants: a document's chunks change in one atomic block ({@code updateDocuments} keyed by
 * the document URI); an index records the embedding model in every commit and refuses vectors from
 * another model; nothing becomes visible to other processes before {@code commit()}.
 *
 * <p>Trap: Lucene's classic QueryParser treats words such as AND or NOT as operators; build queries
 * from analyzed terms instead (see {@code dev.sluice.retrieve}).
 */
package dev.sluice.index;
