package dev.sluice.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.SluiceException;
import org.junit.jupiter.api.Test;

class MetricTest {
    @Test
    void should_parse_every_known_metric_case_insensitively() {
        assertThat(Metric.parse("nDCG@10")).isEqualTo(new NdcgAtK(10));
        assertThat(Metric.parse(" recall@100 ")).isEqualTo(new RecallAtK(100));
        assertThat(Metric.parse("P@5")).isEqualTo(new PrecisionAtK(5));
        assertThat(Metric.parse("MRR@10")).isEqualTo(new MrrAtK(10));
        assertThat(Metric.parse("hit@1")).isEqualTo(new HitAtK(1));
        assertThat(Metric.parse("MAP")).isEqualTo(new AveragePrecision());
        assertThat(Metric.parse("Page_Hit@10")).isEqualTo(new PageHitAtK(10));
        assertThat(Metric.parse("page_recall@5")).isEqualTo(new PageRecallAtK(5));
        assertThat(Metric.parse("page_mrr@3")).isEqualTo(new PageMrrAtK(3));
    }

    @Test
    void should_print_the_canonical_name_that_parses_back() {
        for (String name : new String[] {
            "ndcg@10", "recall@100", "p@5", "mrr@10", "hit@10", "map", "page_hit@10", "page_recall@10", "page_mrr@10"
        }) {
            Metric metric = Metric.parse(name);
            assertThat(metric.name()).isEqualTo(name);
            assertThat(metric).hasToString(name);
        }
    }

    @Test
    void should_name_the_known_metrics_when_the_name_is_unknown() {
        assertThatThrownBy(() -> Metric.parse("ndgc@10"))
                .isInstanceOf(SluiceException.class)
                .hasMessage("unknown metric 'ndgc@10'; known: ndcg@k, recall@k, p@k, mrr@k, hit@k, map (documents);"
                        + " page_hit@k, page_recall@k, page_mrr@k (chunks covering a judged page or passage)");
        assertThatThrownBy(() -> Metric.parse("page_map")).hasMessageContaining("unknown metric 'page_map'");
        assertThatThrownBy(() -> Metric.parse("page_hit")).hasMessageContaining("needs a cutoff, as in page_hit@10");
    }

    @Test
    void should_mark_only_the_page_metrics_as_needing_evidence() {
        assertThat(Metric.parse("page_hit@10").needsEvidence()).isTrue();
        assertThat(Metric.parse("page_recall@10").needsEvidence()).isTrue();
        assertThat(Metric.parse("page_mrr@10").needsEvidence()).isTrue();
        assertThat(Metric.parse("hit@10").needsEvidence()).isFalse();
        assertThat(Metric.parse("map").needsEvidence()).isFalse();
    }

    @Test
    void should_add_the_page_metrics_to_the_defaults_only_for_a_set_with_evidence() {
        assertThat(Metric.defaults(java.util.List.of(10), false))
                .extracting(Metric::name)
                .containsExactly("ndcg@10", "recall@10", "p@10", "mrr@10", "hit@10", "map");
        assertThat(Metric.defaults(java.util.List.of(10, 100), true))
                .extracting(Metric::name)
                .containsExactly(
                        "ndcg@10",
                        "ndcg@100",
                        "recall@10",
                        "recall@100",
                        "p@10",
                        "p@100",
                        "mrr@10",
                        "mrr@100",
                        "hit@10",
                        "hit@100",
                        "map",
                        "page_hit@10",
                        "page_hit@100",
                        "page_recall@10",
                        "page_recall@100",
                        "page_mrr@10",
                        "page_mrr@100");
        assertThatThrownBy(() -> Metric.defaults(java.util.List.of(0), true))
                .hasMessage("cutoffs must be within 1..1000, got 0");
    }

    @Test
    void should_explain_a_missing_or_bad_cutoff() {
        assertThatThrownBy(() -> Metric.parse("ndcg")).hasMessageContaining("needs a cutoff, as in ndcg@10");
        assertThatThrownBy(() -> Metric.parse("p@ten")).hasMessageContaining("must be a whole number");
        assertThatThrownBy(() -> Metric.parse("recall@0")).hasMessageContaining("must be > 0, got 0");
        assertThatThrownBy(() -> Metric.parse("map@10")).hasMessageContaining("map takes no cutoff");
        assertThatThrownBy(() -> Metric.parse(" ")).hasMessageContaining("metric name is empty");
    }

    @Test
    void should_reject_a_cutoff_below_one_when_built_in_code() {
        assertThatThrownBy(() -> new NdcgAtK(0)).hasMessage("k must be > 0, got 0");
    }
}
