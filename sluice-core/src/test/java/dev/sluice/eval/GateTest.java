package dev.sluice.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GateTest {
    @Test
    void should_parse_a_gate_for_every_mode_or_for_one_mode() {
        Gate all = Gate.parse("nDCG@10 >= 0.30");
        assertThat(all.mode()).isNull();
        assertThat(all.metric().name()).isEqualTo("ndcg@10");
        assertThat(all.operator()).isEqualTo(">=");
        assertThat(all.threshold()).isEqualTo(0.30);
        Gate hybrid = Gate.parse(" hybrid : recall@100 > .6 ");
        assertThat(hybrid.mode()).isEqualTo("hybrid");
        assertThat(hybrid.appliesTo("hybrid")).isTrue();
        assertThat(hybrid.appliesTo("bm25")).isFalse();
        assertThat(Gate.parse("map<=1").passes(1.0)).isTrue();
        assertThat(Gate.parse("hybrid:page_hit@10 >= 0.5").metric()).isEqualTo(new PageHitAtK(10));
    }

    @Test
    void should_name_the_expected_form_or_the_unknown_metric() {
        assertThatThrownBy(() -> Gate.parse("ndcg@10 = 0.3"))
                .hasMessageContaining("is not of the form 'METRIC OP VALUE'");
        assertThatThrownBy(() -> Gate.parse("sparse:ndcg@10 >= 0.3")).hasMessageContaining("is not of the form");
        assertThatThrownBy(() -> Gate.parse("ndgc@10 >= 0.3")).hasMessageContaining("unknown metric 'ndgc@10'");
    }

    @Test
    void should_fail_below_the_threshold_and_when_the_metric_was_not_measured() {
        Gate gate = Gate.parse("ndcg@10 >= 0.5");
        assertThat(gate.check("bm25", Map.of("ndcg@10", 0.5))).isNull();
        assertThat(gate.check("bm25", Map.of("ndcg@10", 0.4999))).isEqualTo("bm25 ndcg@10 = 0.4999, needs >= 0.5");
        assertThat(gate.check("dense", Map.of("recall@100", 0.9))).contains("was not measured");
        assertThat(Gate.parse("dense:ndcg@10 >= 0.9").check("bm25", Map.of("ndcg@10", 0.1)))
                .as("a gate of another mode")
                .isNull();
    }
}
