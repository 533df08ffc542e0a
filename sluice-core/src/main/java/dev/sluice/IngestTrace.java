package dev.sluice;

import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.Quarantined;
import dev.sluice.ingest.Stage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import java.util.Locale;
import java.util.Map;

/**
 * What an ingest run's span says: its counts and stage times as attributes, one event per quarantined
 * document (the first {@value #MAX_EVENTS}) and per failed source. Recorded from the report after the
 * run, since the run's work happens on its own threads (see dev.sluice.observe).
 */
final class IngestTrace {
    static final int MAX_EVENTS = 1_000;

    private IngestTrace() {}

    static void record(Span span, IngestReport r) {
        if (!span.isRecording()) {
            return;
        }
        span.setAttribute("sluice.run.id", r.runId());
        span.setAttribute("sluice.run.seen", r.seen());
        span.setAttribute("sluice.run.ingested", r.ingested());
        span.setAttribute("sluice.run.unchanged", r.unchanged());
        span.setAttribute("sluice.run.deleted", r.deleted());
        span.setAttribute("sluice.run.quarantined", r.quarantined().size());
        span.setAttribute("sluice.run.chunks", r.chunks());
        span.setAttribute("sluice.run.embeddings_computed", r.embeddingsComputed());
        span.setAttribute("sluice.run.embeddings_reused", r.embeddingsReused());
        span.setAttribute("sluice.run.model", String.valueOf(r.model()));
        span.setAttribute("sluice.run.generation", r.generation().name().toLowerCase(Locale.ROOT));
        for (Map.Entry<Stage, Long> e : r.stageMillis().entrySet()) {
            span.setAttribute("sluice.stage." + e.getKey().name().toLowerCase(Locale.ROOT) + "_ms", e.getValue());
        }
        int events = 0;
        for (Quarantined q : r.quarantined()) {
            if (events++ >= MAX_EVENTS) {
                span.setAttribute(
                        "sluice.run.quarantined_events_left_out",
                        r.quarantined().size() - MAX_EVENTS);
                break;
            }
            span.addEvent(
                    "quarantined",
                    Attributes.of(
                            AttributeKey.stringKey("sluice.document"), String.valueOf(q.path()),
                            AttributeKey.stringKey("sluice.reason"), q.reason().label(),
                            AttributeKey.stringKey("sluice.message"), String.valueOf(q.message())));
        }
        r.failedSources()
                .forEach((source, error) -> span.addEvent(
                        "source failed",
                        Attributes.of(
                                AttributeKey.stringKey("sluice.source"),
                                source,
                                AttributeKey.stringKey("sluice.error"),
                                String.valueOf(error))));
    }
}
