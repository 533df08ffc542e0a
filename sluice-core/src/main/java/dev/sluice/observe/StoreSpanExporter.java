package dev.sluice.observe;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes finished spans into the knowledge base's {@link TraceStore}, pruning it now and then. */
final class StoreSpanExporter implements SpanExporter {
    private static final Logger LOG = LoggerFactory.getLogger(StoreSpanExporter.class);
    private static final long PRUNE_EVERY_MILLIS = 60_000;

    private final Supplier<TraceStore> store;
    private final TraceLimits limits;
    private long lastPruneMillis;

    StoreSpanExporter(Supplier<TraceStore> store, TraceLimits limits) {
        this.store = store;
        this.limits = limits;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        try {
            TraceStore target = store.get();
            target.addSpans(spans.stream().map(StoreSpanExporter::record).toList());
            long now = System.currentTimeMillis();
            if (now - lastPruneMillis > PRUNE_EVERY_MILLIS) {
                lastPruneMillis = now;
                target.pruneTraces(now - limits.maxAge().toMillis(), limits.maxSpans());
            }
            return CompletableResultCode.ofSuccess();
        } catch (RuntimeException e) {
            // A knowledge base not created yet, or a catalog being closed: traces are lost, nothing else.
            LOG.debug("spans not kept: {}", e.getMessage());
            return CompletableResultCode.ofFailure();
        }
    }

    static SpanRecord record(SpanData s) {
        // A span whose parent lives in another process (a client's traceparent) is this store's root.
        boolean remoteParent =
                s.getParentSpanContext().isValid() && s.getParentSpanContext().isRemote();
        String parent = s.getParentSpanContext().isValid() && !remoteParent ? s.getParentSpanId() : "";
        String status = s.getStatus().getStatusCode() == StatusCode.ERROR
                ? "error: " + s.getStatus().getDescription()
                : "ok";
        List<SpanRecord.Event> events = new ArrayList<>();
        for (EventData e : s.getEvents()) {
            events.add(new SpanRecord.Event(e.getName(), e.getEpochNanos(), values(e.getAttributes())));
        }
        Map<String, Object> attributes = values(s.getAttributes());
        if (remoteParent) {
            attributes.put("sluice.remote_parent_span_id", s.getParentSpanId());
        }
        return new SpanRecord(
                s.getTraceId(),
                s.getSpanId(),
                parent,
                s.getName(),
                s.getStartEpochNanos(),
                s.getEndEpochNanos(),
                status,
                attributes,
                events);
    }

    private static Map<String, Object> values(Attributes attributes) {
        Map<String, Object> out = new LinkedHashMap<>();
        attributes.forEach((AttributeKey<?> key, Object value) -> out.put(key.getKey(), value));
        return out;
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
