package dev.sluice.observe;

import java.util.List;

/**
 * The trace store seam: finished spans kept beside the knowledge base, so traces can be read with
 * nothing else installed ({@code sluice traces}, {@code /v1/traces}, the dashboard). Bounded: {@link
 * #pruneTraces} drops whole traces by age and by count. The embedded implementation is the SQLite
 * catalog; implementations are thread-safe.
 */
public interface TraceStore {
    /** Keeps finished spans (a span already kept, by trace and span id, is left as it is). */
    void addSpans(List<SpanRecord> spans);

    /** The spans of one trace, by start time; empty when unknown. */
    List<SpanRecord> trace(String traceId);

    /** Root spans (whole requests and runs) that started since then, newest first. */
    List<SpanRecord> rootSpans(long sinceEpochMillis, int limit);

    /** Spans of this name ({@code ask}, {@code search}) that started since then, newest first. */
    List<SpanRecord> spansNamed(String name, long sinceEpochMillis, int limit);

    /** The most recent traces that have a root span, newest first. */
    List<TraceSummary> recentTraces(int limit);

    /**
     * Drops whole traces whose root started before {@code olderThanEpochMillis}, then the oldest traces
     * until at most {@code maxSpans} spans remain; returns the spans dropped.
     */
    int pruneTraces(long olderThanEpochMillis, int maxSpans);
}
