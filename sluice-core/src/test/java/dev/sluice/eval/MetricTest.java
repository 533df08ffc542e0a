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
    }

    @Test
    void should_print_the_canonical_name_that_parses_back() {
        for (String name : new String[] {"ndcg@10", "recall@100", "p@5", "mrr@10", "hit@10", "map"}) {
            Metric metric = Metric.parse(name);
            assertThat(metric.name()).isEqualTo(name);
            assertThat(metric).hasToString(name);
        }
    }

    @Test
    void should_name_the_known_metrics_when_the_name_is_unknown() {
        assertThatThrownBy(() -> Metric.parse("ndgc@10"))
                .isInstanceOf(SluiceException.class)
                .hasMessage("unknown metric 'ndgc@10'; known: ndcg@k, recall@k, p@k, mrr@k, hit@k, map");
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
