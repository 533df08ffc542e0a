package dev.sluice.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.observe.SpanRecord;
import dev.sluice.observe.TraceStore;
import dev.sluice.observe.TraceSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link TraceStore} must do: whole traces by id, recent roots, pruning by age and size. */
@SuppressWarnings("try") // stores close without InterruptedException; the bound only needs AutoCloseable
public abstract class TraceStoreContract<S extends TraceStore & AutoCloseable> extends StoreFixture<S> {
    private static final long MS = 1_000_000L;

    static SpanRecord span(String trace, String id, String parent, String name, long startMillis) {
        return new SpanRecord(
                trace,
                id,
                parent,
                name,
                startMillis * MS,
                (startMillis + 5) * MS,
                "ok",
                parent.isEmpty() ? Map.of("sluice.key.id", "k1", "sluice.hits", 3L) : Map.of("sluice.mode", "bm25"),
                List.of(new SpanRecord.Event("quarantined", startMillis * MS, Map.of("sluice.reason", "corrupt"))));
    }

    static String trace(int n) {
        return String.format("%032x", n);
    }

    @Test
    void should_keep_a_trace_s_spans_with_their_attributes_and_events_across_reopening() {
        S store = open();
        store.addSpans(
                List.of(span(trace(1), "a1", "", "search", 1_000), span(trace(1), "a2", "a1", "retrieve.bm25", 1_001)));
        store.addSpans(List.of(span(trace(1), "a2", "a1", "retrieve.bm25", 1_001))); // again: kept once
        List<SpanRecord> spans = open().trace(trace(1));
        assertThat(spans).extracting(SpanRecord::name).containsExactly("search", "retrieve.bm25");
        assertThat(spans.getFirst().root()).isTrue();
        assertThat(spans.getFirst().attributes()).containsEntry("sluice.key.id", "k1");
        assertThat(((Number) spans.getFirst().attributes().get("sluice.hits")).longValue())
                .isEqualTo(3);
        assertThat(spans.get(1).parentSpanId()).isEqualTo("a1");
        assertThat(spans.get(1).events()).extracting(SpanRecord.Event::name).containsExactly("quarantined");
        assertThat(store.trace(trace(99))).isEmpty();
    }

    @Test
    void should_list_recent_traces_by_their_roots_newest_first() {
        S store = open();
        store.addSpans(
                List.of(span(trace(1), "a1", "", "search", 1_000), span(trace(1), "a2", "a1", "embed.query", 1_001)));
        store.addSpans(List.of(span(trace(2), "b1", "", "ask", 2_000)));
        store.addSpans(List.of(span(trace(3), "c2", "c1", "orphan child", 3_000))); // root not (yet) kept
        List<TraceSummary> recent = store.recentTraces(10);
        assertThat(recent).extracting(TraceSummary::traceId).containsExactly(trace(2), trace(1));
        assertThat(recent.get(1).spans()).isEqualTo(2);
        assertThat(recent.get(1).keyId()).isEqualTo("k1");
        assertThat(recent.get(1).durationMillis()).isEqualTo(5.0);
        assertThat(store.recentTraces(1)).hasSize(1);
    }

    @Test
    void should_prune_whole_traces_by_age_then_the_oldest_beyond_the_span_limit() {
        S store = open();
        for (int t = 1; t <= 5; t++) {
            List<SpanRecord> spans = new ArrayList<>();
            spans.add(span(trace(t), "r" + t, "", "search", t * 1_000L));
            spans.add(span(trace(t), "c" + t, "r" + t, "retrieve.bm25", t * 1_000L + 1));
            store.addSpans(spans);
        }
        assertThat(store.pruneTraces(1_500, 1_000))
                .as("trace 1 is older than the cut")
                .isEqualTo(2);
        assertThat(store.trace(trace(1))).isEmpty();
        assertThat(store.pruneTraces(0, 5))
                .as("8 spans left, at most 5: the two oldest traces go")
                .isEqualTo(4);
        assertThat(store.recentTraces(10)).extracting(TraceSummary::traceId).containsExactly(trace(5), trace(4));
    }

    @Test
    void should_list_root_spans_and_spans_by_name_since_a_time_newest_first() {
        S store = open();
        store.addSpans(List.of(
                span(trace(1), "a1", "", "GET /v1/ask", 1_000),
                span(trace(1), "a2", "a1", "ask", 1_001),
                span(trace(2), "b1", "", "ask", 2_000),
                span(trace(3), "c1", "", "GET /v1/search", 3_000)));
        assertThat(store.rootSpans(1_500, 10)).extracting(SpanRecord::spanId).containsExactly("c1", "b1");
        assertThat(store.rootSpans(0, 1)).extracting(SpanRecord::spanId).containsExactly("c1");
        assertThat(store.spansNamed("ask", 0, 10))
                .extracting(SpanRecord::spanId)
                .containsExactly("b1", "a2");
        assertThat(store.spansNamed("ask", 1_002, 10))
                .extracting(SpanRecord::spanId)
                .containsExactly("b1");
        assertThat(store.spansNamed("nothing", 0, 10)).isEmpty();
    }
}
