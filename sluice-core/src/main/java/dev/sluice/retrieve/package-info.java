/**
 * Retrieval: BM25, dense (HNSW) and hybrid search over the Lucene index, with metadata filters
 * applied inside the query.
 *
 * <p>{@link dev.sluice.retrieve.LuceneRetriever} ranks; {@link dev.sluice.retrieve.RrfFusion} fuses
 * the lexical and semantic lists by reciprocal rank (scores of BM25 and cosine live on different
 * scales, ranks do not); {@link dev.sluice.retrieve.SearchFilters} turns source, path-glob and type
 * filters into a Lucene filter query. Queries are built from analyzed terms, never with the classic
 * QueryParser, so words such as AND or NOT in a question are just words. Terms are analyzed in the
 * language the index records ({@code index.settings().language()}, see {@link dev.sluice.index.IndexLanguage}):
 * {@link dev.sluice.retrieve.QueryTerms#of} takes it explicitly, so every caller that compares or
 * queries terms (snippets, conflict candidates, extractive answers, diagnosis) names the index's
 * language, never a default. Filters also take the fields
 * LLM transforms added to documents ({@code meta.<field>}, {@link dev.sluice.retrieve.SearchFilters#withMetadata}).
 *
 * <p>Other index backends ({@code sluice-opensearch}) rank through the same pieces without Lucene types:
 * {@link dev.sluice.retrieve.SearchFilters#clauses()} gives the filter as field/values clauses (access
 * tokens last) to translate into the engine's own filter, {@link dev.sluice.retrieve.Snippets} analyzes
 * queries and cuts snippets, {@link dev.sluice.retrieve.DocumentMatch#of(java.util.Set, java.util.Set, String,
 * java.util.function.Predicate)} matches a question against attribute values the engine lists, and
 * {@link dev.sluice.retrieve.Collapse#families(java.util.List, java.util.function.IntFunction, int)} collapses
 * near-duplicates. Trap: {@code toQuery()} is built from {@code clauses()}, so a new filter is added there
 * once and reaches every backend.
 *
 * <h2>Near-duplicates collapse</h2>
 *
 * <p>When the index holds documents marked as near-duplicates of a canonical one (the quality checks'
 * {@code collapse} policy), {@link dev.sluice.retrieve.Collapse} keeps, per family, only the hits of the
 * first member that ranks; the search looks 2k + 10 deep so that k results remain. Hits a caller may not
 * read never rank, so collapsing never hides a document behind one the caller cannot see.
 *
 * <h2>Reranking (optional)</h2>
 *
 * A {@link dev.sluice.retrieve.Reranker} takes a second, costlier look at the first stage's best
 * candidates and reorders them; {@link dev.sluice.retrieve.RerankingRetriever} runs one after any
 * retriever (fetch {@code max(k, candidates)}, reorder the best {@code candidates}, keep the rest after
 * them, cut at k) and records a {@code retrieve.rerank} span. The seam lives here, free of model types;
 * the first implementation asks a language model ({@code dev.sluice.answer.ListwiseLlmReranker}, which
 * sits above the LLM gateway and the prompts), and a cross-encoder can plug in beside it. Settings:
 * {@link dev.sluice.retrieve.RerankSettings} ({@code retrieval.rerank}, off by default).
 *
 * <p>What it promises, and why: a search never loses a hit and never fails because of its reranker.
 * A reranker that cannot rank (model unreachable, budget spent, nonsense reply) keeps the first stage's
 * order and says why ({@link dev.sluice.retrieve.Reranking#fallbackReason()}); one that throws or hands
 * back other hits is caught by {@code RerankingRetriever} and treated the same. Reranked hits keep the
 * first stage's scores, so their scores no longer fall with rank. Trap: the relevance check before an
 * answer reads the best dense similarity, which reranking leaves alone.
 */
package dev.sluice.retrieve;
