package dev.sluice.observe;

import java.util.List;
import java.util.Map;

/**
 * One finished span as Sluice keeps it: what the OpenTelemetry SDK ended, reduced to plain values.
 *
 * @param traceId 32 hex digits
 * @param spanId 16 hex digits
 * @param parentSpanId the parent's span id, or empty for a trace's root
 * @param name what the span did ({@code search}, {@code retrieve.bm25}, {@code llm.call}, ...)
 * @param startEpochNanos when it started
 * @param endEpochNanos when it ended
 * @param status {@code ok}, or {@code error: message}
 * @param attributes its attributes, in the order they were set (values: strings, numbers, booleans or lists)
 * @param events what happened during it (per-document outcomes of an ingest run, ...)
 */
public record SpanRecord(
        String traceId,
        String spanId,
        String parentSpanId,
        String name,
        long startEpochNanos,
        long endEpochNanos,
        String status,
        Map<String, Object> attributes,
        List<Event> events) {
    public SpanRecord {
        attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
        events = List.copyOf(events);
    }

    /** Something that happened at one time during a span. */
    public record Event(String name, long epochNanos, Map<String, Object> attributes) {
        public Event {
            attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
        }
    }

    public boolean root() {
        return parentSpanId.isEmpty();
    }

    public double durationMillis() {
        return (endEpochNanos - startEpochNanos) / 1e6;
    }
}
