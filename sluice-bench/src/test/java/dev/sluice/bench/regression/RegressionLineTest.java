package dev.sluice.bench.regression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.eval.Metric;
import dev.sluice.retrieve.SearchMode;
import org.junit.jupiter.api.Test;

class RegressionLineTest {
    @Test
    void should_print_ok_when_the_figure_lies_on_the_edge_of_the_tolerance() {
        RegressionLine line =
                new RegressionLine("scifact-train", SearchMode.BM25, Metric.parse("ndcg@10"), 0.7008, 0.7003, 0.0005);

        assertThat(line.ok()).isTrue();
        assertThat(line.format(13))
                .isEqualTo("OK   scifact-train  bm25    nDCG@10     0.7008  expected 0.7003 ± 0.0005");
    }

    @Test
    void should_print_fail_with_the_difference_when_the_figure_is_outside_the_tolerance() {
        RegressionLine line = new RegressionLine(
                "scifact-train", SearchMode.DENSE, Metric.parse("recall@100"), 0.9502, 0.9602, 0.003);

        assertThat(line.ok()).isFalse();
        assertThat(line.format(13))
                .isEqualTo(
                        "FAIL scifact-train  dense   Recall@100  0.9502  expected 0.9602 ± 0.003  (difference -0.0100)");
    }
}
