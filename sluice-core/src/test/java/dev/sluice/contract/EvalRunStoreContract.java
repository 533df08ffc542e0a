package dev.sluice.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.eval.EvalQueryResult;
import dev.sluice.eval.EvalRunRecord;
import dev.sluice.eval.EvalRunStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link EvalRunStore} must do: runs with their per-query results, newest first. */
@SuppressWarnings("try") // stores close without InterruptedException; the bound only needs AutoCloseable
public abstract class EvalRunStoreContract<S extends EvalRunStore & AutoCloseable> extends StoreFixture<S> {

    static EvalRunRecord run(String set, double ndcg) {
        return new EvalRunRecord(
                0,
                set,
                "fp-" + set,
                1_000,
                2_000,
                List.of("bm25"),
                List.of("ndcg@10"),
                2,
                "model",
                Map.of("depth", "100"),
                Map.of("bm25", Map.of("ndcg@10", ndcg)));
    }

    @Test
    void should_store_a_run_with_its_per_query_results_in_their_order() {
        S store = open();
        List<EvalQueryResult> results = List.of(
                new EvalQueryResult("bm25", "q2", Map.of("ndcg@10", 0.5), Map.of("d1", 1), List.of("d1", "d2")),
                new EvalQueryResult("bm25", "q1", Map.of("ndcg@10", 0.25), Map.of(), List.of("d3")));
        long id = store.saveEvalRun(run("scifact", 0.375), results);
        EvalRunRecord saved = open().evalRun(id);
        assertThat(saved.id()).isEqualTo(id);
        assertThat(saved.setName()).isEqualTo("scifact");
        assertThat(saved.means().get("bm25").get("ndcg@10")).isEqualTo(0.375);
        assertThat(store.evalResults(id)).extracting(EvalQueryResult::queryId).containsExactlyInAnyOrder("q2", "q1");
        assertThat(store.evalResults(id).stream()
                        .filter(r -> r.queryId().equals("q2"))
                        .findFirst()
                        .orElseThrow()
                        .topDocuments())
                .containsExactly("d1", "d2");
    }

    @Test
    void should_list_runs_newest_first_and_answer_null_for_an_unknown_run() {
        S store = open();
        long a = store.saveEvalRun(run("a", 0.1), List.of());
        long b = store.saveEvalRun(run("b", 0.2), List.of());
        assertThat(b).isGreaterThan(a);
        assertThat(store.evalRuns()).extracting(EvalRunRecord::id).containsExactly(b, a);
        assertThat(store.evalRun(9_999)).isNull();
        assertThat(store.evalResults(9_999)).isEmpty();
    }
}
