package dev.sluice.observe;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import java.util.List;

/**
 * How a stage records what it does: {@code Traces.child("retrieve.bm25")} starts a span under the
 * current one, with the tracer of the knowledge base whose operation is running. That tracer travels
 * in the OpenTelemetry {@link Context} (put there by {@link Tracing#operation}), not in a global, so
 * two knowledge bases in one JVM never mix their traces, and a stage called outside any operation
 * records nothing and costs next to nothing (a no-op span).
 */
public final class Traces {
    /** The tracer of the operation under way. */
    static final ContextKey<Tracer> TRACER = ContextKey.named("sluice-tracer");

    private static final Tracer NOOP = OpenTelemetry.noop().getTracer("dev.sluice");

    private Traces() {}

    /** The tracer of the operation under way, or a no-op one. */
    public static Tracer tracer() {
        Tracer t = Context.current().get(TRACER);
        return t != null ? t : NOOP;
    }

    /** Starts a span under the current one; end it (try/finally) and make it current if it has children. */
    public static Span child(String name) {
        return tracer().spanBuilder(name).startSpan();
    }

    /** The current trace's id (32 hex digits), or empty outside a trace. */
    public static String currentTraceId() {
        SpanContext c = Span.current().getSpanContext();
        return c.isValid() ? c.getTraceId() : "";
    }

    /** Marks a span failed with the exception's message (the exception itself is recorded as an event). */
    public static void fail(Span span, Throwable e) {
        span.recordException(e);
        span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
    }

    /** The first {@code most} values as a string-array attribute (ranked candidates, kept short). */
    public static void strings(Span span, String key, List<String> values, int most) {
        span.setAttribute(AttributeKey.stringArrayKey(key), values.subList(0, Math.min(most, values.size())));
    }

    /** The first {@code most} values as a double-array attribute. */
    public static void doubles(Span span, String key, List<Double> values, int most) {
        span.setAttribute(AttributeKey.doubleArrayKey(key), values.subList(0, Math.min(most, values.size())));
    }
}
