package dev.sluice.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.retrieve.Reranker;
import dev.sluice.retrieve.Reranking;
import dev.sluice.retrieve.RerankingRetriever;
import dev.sluice.retrieve.SearchHit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Reranker} must do (see its Javadoc): an implementation's test extends this suite and
 * gives a reranker that works and one whose backend fails. The list
 * model reranker runs it against a scripted model server; a cross-encoder would run it against its
 * model.
 */
public abstract class RerankerContract {
    /** A reranker whose backend answers. */
    protected abstract Reranker reranker();

    /** A reranker whose backend fails (unreachable, erroring): it must fall back, not throw. */
    protected abstract Reranker failingReranker();

    protected static final String QUESTION = "how do locks raise boats";

    /** {@code n} distinct candidates ranked 1..n with falling scores. */
    public static List<SearchHit> candidates(int n) {
        List<SearchHit> hits = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            hits.add(new SearchHit(
                    i,
                    1f / i,
                    "doc" + i + "#0",
                    "file:///doc" + i,
                    "docs",
                    "doc" + i + ".md",
                    "markdown",
                    "Document " + i,
                    List.of("Section " + i),
                    0,
                    0,
                    0,
                    0,
                    40,
                    "heading-aware/3",
                    "m",
                    "1",
                    "Passage " + i + " says something about locks, gates and water level number " + i + ".",
                    "Passage " + i));
        }
        return List.copyOf(hits);
    }

    @Test
    void should_return_some_of_the_candidates_each_once_ranked_from_one_and_cut_at_k() {
        List<SearchHit> given = candidates(8);

        Reranking r = reranker().rerank(QUESTION, given, 5);

        assertThat(r.hits()).hasSize(5);
        assertThat(r.hits()).extracting(SearchHit::rank).containsExactly(1, 2, 3, 4, 5);
        assertThat(r.hits())
                .extracting(SearchHit::chunkId)
                .doesNotHaveDuplicates()
                .isSubsetOf(given.stream().map(SearchHit::chunkId).toList());
        assertThat(r.candidates()).isEqualTo(8);
        assertThat(RerankingRetriever.contractProblem(r, given, 5)).isNull();
    }

    @Test
    void should_lose_no_candidate_when_k_covers_them_all() {
        List<SearchHit> given = candidates(6);

        Reranking r = reranker().rerank(QUESTION, given, 10);

        assertThat(r.hits())
                .extracting(SearchHit::chunkId)
                .containsExactlyInAnyOrderElementsOf(
                        given.stream().map(SearchHit::chunkId).toList());
    }

    @Test
    void should_keep_the_scores_of_the_first_stage() {
        List<SearchHit> given = candidates(4);

        Reranking r = reranker().rerank(QUESTION, given, 4);

        for (SearchHit h : r.hits()) {
            SearchHit before = given.stream()
                    .filter(g -> g.chunkId().equals(h.chunkId()))
                    .findFirst()
                    .orElseThrow();
            assertThat(h.score()).as(h.chunkId()).isEqualTo(before.score());
            assertThat(h.text()).isEqualTo(before.text());
        }
    }

    @Test
    void should_keep_the_original_order_cut_at_k_and_say_why_when_its_backend_fails() {
        List<SearchHit> given = candidates(5);

        Reranking r = failingReranker().rerank(QUESTION, given, 3);

        assertThat(r.reordered()).isFalse();
        assertThat(r.fallbackReason()).isNotBlank();
        assertThat(r.hits()).extracting(SearchHit::chunkId).containsExactly("doc1#0", "doc2#0", "doc3#0");
        assertThat(r.hits()).extracting(SearchHit::rank).containsExactly(1, 2, 3);
        assertThat(r.moved()).isZero();
    }

    @Test
    void should_hand_back_a_single_candidate_as_it_is() {
        Reranking r = reranker().rerank(QUESTION, candidates(1), 5);

        assertThat(r.hits()).extracting(SearchHit::chunkId).containsExactly("doc1#0");
        assertThat(r.moved()).isZero();
    }

    @Test
    void should_serve_concurrent_searches_each_with_a_complete_result() throws Exception {
        Reranker shared = reranker();
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool =
                Executors.newFixedThreadPool(4, r -> new Thread(r, "rerank-contract-" + n.incrementAndGet()));
        try {
            List<Future<Reranking>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int size = 2 + i % 7;
                results.add(pool.submit(() -> shared.rerank(QUESTION + " " + size, candidates(size), size)));
            }
            for (int i = 0; i < results.size(); i++) {
                int size = 2 + i % 7;
                Reranking r = results.get(i).get();
                assertThat(RerankingRetriever.contractProblem(r, candidates(size), size))
                        .as("search %d", i)
                        .isNull();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
