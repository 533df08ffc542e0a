package dev.sluice.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Comparison and regression gating over stored per-query results (records as the catalog returns them). */
class RunComparisonTest {
    private static EvalRunRecord run(long id, String fingerprint) {
        return new EvalRunRecord(
                id, "set", fingerprint, 0, 0, List.of("bm25"), List.of("ndcg@10"), 40, "m", Map.of(), Map.of());
    }

    /** 40 queries; query i scores {@code value(i)} with its relevant document at {@code rank(i)}. */
    private static List<EvalQueryResult> results(java.util.function.IntToDoubleFunction value) {
        List<EvalQueryResult> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            double v = value.applyAsDouble(i);
            rows.add(new EvalQueryResult(
                    "bm25", "q" + i, Map.of("ndcg@10", v), Map.of("d" + i, v > 0 ? 1 : 0), List.of("d" + i)));
        }
        return rows;
    }

    @Test
    void should_flag_a_significant_drop_larger_than_allowed_and_list_the_queries_that_fell() {
        List<EvalQueryResult> before = results(i -> 0.8);
        List<EvalQueryResult> after = results(i -> i % 4 == 0 ? 0.0 : 0.8); // ten queries lose everything

        RunComparison.Report report = RunComparison.compare(run(1, "f"), before, run(2, "f"), after, "ndcg@10", 3, 7);

        PairedComparison c = report.deltas().getFirst().comparison();
        assertThat(c.meanDelta()).isCloseTo(-0.2, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(c.pValue()).isLessThan(0.01);
        assertThat(RunComparison.regressions(report, 0.01, 0.05))
                .singleElement()
                .asString()
                .startsWith("bm25 ndcg@10 dropped by 0.2000 against run 1");
        assertThat(RunComparison.regressions(report, 0.25, 0.05))
                .as("within the allowed drop")
                .isEmpty();
        assertThat(report.regressed()).hasSize(3).allSatisfy(m -> {
            assertThat(m.delta()).isEqualTo(-0.8);
            assertThat(m.ranksBefore()).containsValue(1);
            assertThat(m.ranksAfter()).containsValue(0);
        });
        assertThat(report.improved()).isEmpty();
    }

    @Test
    void should_not_flag_a_drop_the_test_cannot_tell_from_noise() {
        List<EvalQueryResult> before = results(i -> 0.5);
        List<EvalQueryResult> after = results(i -> i == 0 ? 0.0 : 0.5); // one query of forty

        RunComparison.Report report = RunComparison.compare(run(1, "f"), before, run(2, "f"), after, null, 5, 7);

        assertThat(report.deltas().getFirst().comparison().meanDelta()).isLessThan(-0.01);
        assertThat(RunComparison.regressions(report, 0.01, 0.05)).isEmpty();
    }

    @Test
    void should_refuse_runs_of_different_sets() {
        assertThatThrownBy(() ->
                        RunComparison.compare(run(1, "f"), results(i -> 1), run(2, "g"), results(i -> 1), null, 5, 7))
                .hasMessageContaining("measured different eval sets");
    }
}
