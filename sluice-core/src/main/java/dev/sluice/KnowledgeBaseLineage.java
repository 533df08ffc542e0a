package dev.sluice;

import dev.sluice.lineage.IngestLineage;
import dev.sluice.lineage.LineageEmitter;
import dev.sluice.lineage.LineageSettings;
import java.util.Map;

/**
 * The knowledge base's OpenLineage emitter ({@code lineage:} in sluice.yaml), opened on the first run that
 * needs it and closed with the knowledge base; {@link #attach} gives a run's options the observer that
 * emits its events. Every run the front door starts goes through here ({@link KnowledgeBase#sync},
 * {@link KnowledgeBase#ingester}), whichever face asked for it.
 */
final class KnowledgeBaseLineage implements AutoCloseable {
    private final LineageSettings settings;
    private final Map<String, String> environment;
    private LineageEmitter emitter;
    private boolean closed;

    KnowledgeBaseLineage(LineageSettings settings, Map<String, String> environment) {
        this.settings = settings;
        this.environment = environment;
    }

    /** {@code options} with the observer that emits the run's events; unchanged when lineage is off. */
    IngestOptions attach(IngestOptions options) {
        if (!settings.enabled()) {
            return options;
        }
        LineageEmitter e = emitter();
        if (e == null) {
            return options;
        }
        return options.withRun(options.run()
                .withObserver(new IngestLineage(
                        e, options.index(), options.sources(), options.maxChunkTokens(), options.overlapTokens())));
    }

    private synchronized LineageEmitter emitter() {
        if (emitter == null && !closed) {
            emitter = LineageEmitter.open(settings, environment);
        }
        return emitter;
    }

    /** Sends the events still queued (for at most a few of the transport's time-outs), then stops. */
    @Override
    public void close() {
        LineageEmitter e;
        synchronized (this) {
            closed = true;
            e = emitter;
            emitter = null;
        }
        if (e != null) {
            e.close();
        }
    }
}
