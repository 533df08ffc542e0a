package dev.sluice.observe;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracing of one knowledge base: an OpenTelemetry SDK tracer provider whose finished spans go to
 * the knowledge base's {@link TraceStore} (always) and over OTLP/HTTP to a collector when the standard
 * variables name one ({@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}, else {@code
 * OTEL_EXPORTER_OTLP_ENDPOINT} + {@code /v1/traces}; headers from {@code
 * OTEL_EXPORTER_OTLP_TRACES_HEADERS} or {@code OTEL_EXPORTER_OTLP_HEADERS}; {@code OTEL_SERVICE_NAME},
 * default {@code sluice}). Spans are exported in batches off the caller's thread; {@link #flush} waits
 * for what has ended so far.
 */
public final class Tracing implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Tracing.class);

    /** The API key a request was made with, on the root span ({@link TraceSummary#keyId()}). */
    public static final AttributeKey<String> KEY_ID = AttributeKey.stringKey("sluice.key.id");

    /** The search text or question of a request, on its root span (its first 500 characters). */
    public static final AttributeKey<String> QUERY = AttributeKey.stringKey("sluice.query");

    /** The id of the answer a request gave, on its root span (the answer store's key). */
    public static final AttributeKey<String> ANSWER_ID = AttributeKey.stringKey("sluice.answer.id");

    private final SdkTracerProvider provider;
    private final Tracer tracer;
    private final String otlpEndpoint;

    private Tracing(SdkTracerProvider provider, String otlpEndpoint) {
        this.provider = provider;
        this.tracer = provider.get("dev.sluice");
        this.otlpEndpoint = otlpEndpoint;
    }

    /**
     * Tracing into {@code store} (opened on the first export: a knowledge base may not exist yet when
     * its first operation starts), and over OTLP as {@code environment} says.
     */
    public static Tracing create(Supplier<TraceStore> store, TraceLimits limits, Map<String, String> environment) {
        String service = environment.getOrDefault("OTEL_SERVICE_NAME", "sluice");
        SdkTracerProviderBuilder builder = SdkTracerProvider.builder()
                .setSampler(sampler(environment))
                .setResource(Resource.getDefault()
                        .merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service))))
                .addSpanProcessor(BatchSpanProcessor.builder(new StoreSpanExporter(store, limits))
                        .setScheduleDelay(Duration.ofMillis(200))
                        .build());
        String endpoint = otlpEndpoint(environment);
        if (endpoint != null) {
            OtlpHttpSpanExporterBuilder otlp = OtlpHttpSpanExporter.builder().setEndpoint(endpoint);
            headers(environment).forEach(otlp::addHeader);
            builder.addSpanProcessor(BatchSpanProcessor.builder(otlp.build()).build());
        }
        return new Tracing(builder.build(), endpoint);
    }

    /**
     * The sampler the standard variables ask for: {@code OTEL_TRACES_SAMPLER} ({@code always_on},
     * {@code always_off}, {@code traceidratio}, {@code parentbased_always_on} (the default), {@code
     * parentbased_always_off}, {@code parentbased_traceidratio}) with {@code OTEL_TRACES_SAMPLER_ARG}
     * (the ratio, 0 to 1, default 1); {@code OTEL_SDK_DISABLED=true} records nothing. A trace left out
     * keeps its id (responses still carry it) but none of its spans are kept or sent.
     */
    static Sampler sampler(Map<String, String> env) {
        if ("true".equalsIgnoreCase(env.getOrDefault("OTEL_SDK_DISABLED", "").strip())) {
            return Sampler.alwaysOff();
        }
        String name = env.getOrDefault("OTEL_TRACES_SAMPLER", "parentbased_always_on")
                .strip()
                .toLowerCase(java.util.Locale.ROOT);
        String arg = env.getOrDefault("OTEL_TRACES_SAMPLER_ARG", "").strip();
        double ratio = 1.0;
        if (!arg.isEmpty()) {
            try {
                ratio = Double.parseDouble(arg);
            } catch (NumberFormatException e) {
                ratio = Double.NaN;
            }
            if (!(ratio >= 0 && ratio <= 1)) {
                throw new dev.sluice.core.UsageException(
                        "OTEL_TRACES_SAMPLER_ARG must be a ratio from 0 to 1 such as 0.1, got '" + arg + "'");
            }
        }
        return switch (name) {
            case "always_on" -> Sampler.alwaysOn();
            case "always_off" -> Sampler.alwaysOff();
            case "traceidratio" -> Sampler.traceIdRatioBased(ratio);
            case "parentbased_always_on" -> Sampler.parentBased(Sampler.alwaysOn());
            case "parentbased_always_off" -> Sampler.parentBased(Sampler.alwaysOff());
            case "parentbased_traceidratio" -> Sampler.parentBased(Sampler.traceIdRatioBased(ratio));
            default ->
                throw new dev.sluice.core.UsageException("OTEL_TRACES_SAMPLER must be one of always_on,"
                        + " always_off, traceidratio, parentbased_always_on, parentbased_always_off,"
                        + " parentbased_traceidratio, got '" + name + "'");
        };
    }

    /** Where spans go over OTLP, or null when no variable names a collector. */
    static String otlpEndpoint(Map<String, String> env) {
        String traces = env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
        if (traces != null && !traces.isBlank()) {
            return traces.strip();
        }
        String base = env.get("OTEL_EXPORTER_OTLP_ENDPOINT");
        if (base != null && !base.isBlank()) {
            String b = base.strip();
            return (b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + "/v1/traces";
        }
        return null;
    }

    private static Map<String, String> headers(Map<String, String> env) {
        String raw = env.getOrDefault("OTEL_EXPORTER_OTLP_TRACES_HEADERS", env.get("OTEL_EXPORTER_OTLP_HEADERS"));
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (raw == null || raw.isBlank()) {
            return out;
        }
        for (String pair : raw.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(
                        java.net.URLDecoder.decode(
                                pair.substring(0, eq).strip(), java.nio.charset.StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(
                                pair.substring(eq + 1).strip(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    public Tracer tracer() {
        return tracer;
    }

    /** The OTLP endpoint spans are sent to, or null. */
    public String otlpEndpoint() {
        return otlpEndpoint;
    }

    /**
     * Starts the span of one operation (a search, an answer, an ingest run) under {@code parent} (the
     * current context, or a request's extracted {@code traceparent}), and makes it and this tracer
     * current: the stages' spans become its children. Close the returned scope, then end the span.
     */
    public Operation operation(String name, Context parent, SpanKind kind) {
        Span span = tracer.spanBuilder(name).setParent(parent).setSpanKind(kind).startSpan();
        Scope scope = parent.with(span).with(Traces.TRACER, tracer).makeCurrent();
        return new Operation(span, scope);
    }

    /** An operation's span and the scope that made it current; closing ends both. */
    public record Operation(Span span, Scope scope) implements AutoCloseable {
        public String traceId() {
            return span.getSpanContext().getTraceId();
        }

        @Override
        public void close() {
            scope.close();
            span.end();
        }
    }

    /** Waits (up to 5 s) until every span ended so far is exported. */
    public void flush() {
        provider.forceFlush().join(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (!provider.shutdown().join(10, TimeUnit.SECONDS).isSuccess()) {
            LOG.warn("some spans could not be exported before closing");
        }
    }
}
