package dev.sluice.retrieve;

import java.util.List;

/**
 * A second look at the best candidates of a search: given the question and the first stage's top
 * hits, it puts them in a better order. The first implementation asks a language model for the
 * order ({@code dev.sluice.answer.ListwiseLlmReranker}); a cross-encoder that scores each (question,
 * passage) pair fits the same seam. {@link RerankingRetriever} runs it after any {@link Retriever}.
 *
 * <p>Contract, for every implementation (checked by the test suite {@code RerankerContract}):
 *
 * <ul>
 *   <li><b>Ordering.</b> The result's hits are some of {@code candidates}, each at most once, best
 *       first, ranked 1..n; there are exactly {@code min(k, candidates.size())} of them. Scores stay
 *       the first stage's (a reranker that scores, such as a cross-encoder, says so in its own
 *       comment), so after a reorder they no longer fall with rank.
 *   <li><b>Nothing is lost.</b> A reranker reorders and cuts at {@code k}, never drops or adds a hit:
 *       a candidate it cannot place (a model that forgot it) goes after those it placed, in its
 *       original order.
 *   <li><b>Failure falls back.</b> When the reranker cannot rank (its model is unreachable, over
 *       budget, slow, or answers nonsense), it returns the candidates in their original order, cut at
 *       {@code k}, with {@link Reranking#fallbackReason()} saying why; it does not throw for that. It
 *       throws only for a caller's mistake ({@code k < 1}, nulls). A caller still guards against one
 *       that throws or breaks the contract ({@link RerankingRetriever} does), so a search never fails
 *       because of its reranker.
 *   <li><b>Threads.</b> Thread-safe: one instance serves concurrent searches.
 * </ul>
 */
public interface Reranker {
    /**
     * The candidates in a better order for {@code question}, cut at {@code k}.
     *
     * @param candidates the first stage's hits, best first (ranks 1..n)
     * @param k most hits to return, at least 1
     */
    Reranking rerank(String question, List<SearchHit> candidates, int k);

    /** Who ranks, for traces and {@code --json}: the model and prompt version, or the cross-encoder's id. */
    String describe();
}
