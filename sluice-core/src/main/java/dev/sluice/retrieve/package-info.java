/**
 * Retrieval: BM25, dense (HNSW) and hybrid search over the Lucene index, with metadata filters
 * applied inside the query.
 *
 * <p>{@link dev.sluice.retrieve.LuceneRetriever} ranks; {@link dev.sluice.retrieve.RrfFusion} fuses
 * the lexical and semantic lists by reciprocal rank (scores of BM25 and cosine live on different
 * scales, ranks do not); {@link dev.sluice.retrieve.SearchFilters} turns source, path-glob and type
 * filters into a Lucene filter query. Queries are built from analyzed terms, never with the classic
 * QueryParser, so words such as AND or NOT in a question are just words.
 */
package dev.sluice.retrieve;
