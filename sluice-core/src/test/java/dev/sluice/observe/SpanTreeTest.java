package dev.sluice.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpanTreeTest {
    private static SpanRecord span(String id, String parent, String name) {
        return new SpanRecord("t".repeat(32), id, parent, name, 0, 1, "ok", Map.of(), List.of());
    }

    @Test
    void should_hang_each_span_under_its_parent_in_start_order() {
        SpanRecord root = span("a", "", "POST /v1/ask");
        SpanRecord ask = span("b", "a", "ask");
        SpanRecord context = span("c", "b", "answer.context");
        SpanRecord llm = span("d", "b", "llm.call");
        SpanTree tree = SpanTree.of(List.of(root, ask, context, llm));
        assertThat(tree.roots()).containsExactly(root);
        assertThat(tree.childrenOf(root)).containsExactly(ask);
        assertThat(tree.childrenOf(ask)).containsExactly(context, llm);
        assertThat(tree.childrenOf(llm)).isEmpty();
    }

    @Test
    void should_show_a_span_whose_parent_is_elsewhere_as_a_root() {
        SpanRecord request = span("b", "ffffffffffffffff", "GET /v1/search"); // the client's span is its parent
        SpanRecord search = span("c", "b", "search");
        SpanTree tree = SpanTree.of(List.of(request, search));
        assertThat(tree.roots()).containsExactly(request);
        assertThat(tree.childrenOf(request)).containsExactly(search);
    }
}
