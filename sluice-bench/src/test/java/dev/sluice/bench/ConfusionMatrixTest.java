package dev.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.diagnose.Layer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
    @Test
    void should_count_each_layer_right_over_its_own_row() {
        ConfusionMatrix m = new ConfusionMatrix();
        m.add(Layer.DATA, Layer.DATA, "deleted");
        m.add(Layer.DATA, Layer.DATA, "quarantined");
        m.add(Layer.DATA, Layer.RETRIEVAL, "not_in_top_k");
        m.add(Layer.DATA, Layer.DATA, "deleted");
        m.add(Layer.MODEL, Layer.NONE, "rests_on_expected");
        m.add(Layer.NONE, Layer.NONE, "rests_on_expected");

        assertThat(m.total(Layer.DATA)).isEqualTo(4);
        assertThat(m.count(Layer.DATA, Layer.RETRIEVAL)).isEqualTo(1);
        assertThat(m.accuracy(Layer.DATA)).isCloseTo(0.75, within(1e-9));
        assertThat(m.accuracy(Layer.MODEL)).isZero();
        assertThat(m.accuracy(Layer.NONE)).isEqualTo(1.0);
        assertThat(m.accuracy(Layer.CONTEXT)).isNaN();
        assertThat(m.overall()).isCloseTo(4.0 / 6, within(1e-9));
        assertThat(m.causes(Layer.DATA))
                .containsExactly(
                        Map.entry("data/deleted", 2),
                        Map.entry("data/quarantined", 1),
                        Map.entry("retrieval/not_in_top_k", 1));
    }

    @Test
    void should_print_only_the_layers_that_have_scenarios_with_the_diagonal_in_bold() {
        ConfusionMatrix m = new ConfusionMatrix();
        m.add(Layer.CONTEXT, Layer.CONTEXT, "context_budget");
        m.add(Layer.CONTEXT, Layer.MODEL, "expected_not_cited");
        m.addError(Layer.CONTEXT);
        StringWriter text = new StringWriter();
        m.print(new PrintWriter(text));
        assertThat(text.toString())
                .contains("| context | 0 | 0 | 0 | **1** | 0 | 1 | 0 | 1 | 33.3% (1/3) |")
                .contains("| context | context/context_budget: 1, model/expected_not_cited: 1 |")
                .doesNotContain("\n| data |")
                .contains("overall: 33.3%");
    }

    @Test
    void should_give_the_printed_rows_as_nested_maps_for_json() {
        ConfusionMatrix m = new ConfusionMatrix();
        m.add(Layer.CONTEXT, Layer.CONTEXT, "context_budget");
        m.add(Layer.CONTEXT, Layer.MODEL, "expected_not_cited");
        m.addError(Layer.CONTEXT);

        Map<String, Object> rows = m.toMap();

        assertThat(rows).containsOnlyKeys("context");
        @SuppressWarnings("unchecked")
        Map<String, Object> context = (Map<String, Object>) rows.get("context");
        assertThat(context)
                .containsEntry("error", 1)
                .containsEntry("right", 1)
                .containsEntry("total", 3)
                .containsEntry("accuracy", 0.333333)
                .containsEntry("causes", Map.of("context/context_budget", 1, "model/expected_not_cited", 1));
        @SuppressWarnings("unchecked")
        Map<String, Object> diagnosed = (Map<String, Object>) context.get("diagnosed");
        assertThat(diagnosed)
                .containsEntry("context", 1)
                .containsEntry("model", 1)
                .containsEntry("data", 0);
    }
}
