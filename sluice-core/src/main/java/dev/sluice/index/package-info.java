/**
 * The index: the {@link dev.sluice.index.ChunkIndex} seam that ingestion writes through (atomic
 * per-document replacement, commit, generations), and its embedded implementation,
 * {@link dev.sluice.index.LuceneIndex}: Apache Lucene on local disk with BM25 text, HNSW vectors and
 * stored metadata. Searches reach it through {@link dev.sluice.retrieve.Retriever}.
 *
 * <p>One Lucene document per chunk, built by {@code ChunkDocuments} ({@link dev.sluice.index.IndexFields}
 * names the fields); {@code LuceneIndex} keeps the writer, the searchers and the generations. The
 * field {@code body} (title, heading path and chunk text, analyzed in the index's
 * {@link dev.sluice.index.IndexLanguage}: English by default) serves BM25; the field
 * {@code vector} (unit vectors, dot product) serves HNSW search; everything a citation needs is
 * stored.
 *
 * <p>Invariants: a document's chunks change in one atomic block ({@code updateDocuments} keyed by
 * the document URI); an index records the embedding model and the BM25 language in every commit
 * ({@link dev.sluice.index.IndexSettings}) and refuses writes made with another model or language
 * (ingestion builds a new generation instead); nothing becomes visible to other processes before
 * {@code commit()}.
 *
 * <p>Languages: {@link dev.sluice.index.Analyzers} maps each {@code IndexLanguage} to Lucene's analyzer
 * (English, German, French, ..., CJK bigrams, {@code standard}). An index that records no language was
 * written before languages existed and is English, analyzed exactly as before ({@code
 * IndexLanguageTest} ranks such an index and a new English one the same). Trap: terms of two languages
 * never match and nothing fails, so the query side always takes the language from the index's settings,
 * never from the configuration.
 *
 * <p>Other engines ({@code sluice-opensearch}) write the same fields: {@code ChunkDocuments.body} gives the
 * BM25 text, and {@link dev.sluice.index.IndexSettings#toCommitData} the settings under the keys a Lucene
 * commit records (OpenSearch keeps them in the mapping's {@code _meta}).
 *
 * <p>Trap: Lucene's classic QueryParser treats words such as AND or NOT as operators; build queries
 * from analyzed terms instead (see {@code dev.sluice.retrieve}).
 */
package dev.sluice.index;
