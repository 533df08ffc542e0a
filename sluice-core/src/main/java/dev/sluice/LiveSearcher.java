package dev.sluice;

import dev.sluice.retrieve.RetrievalSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The searcher a long-lived {@link KnowledgeBase} (the service) uses now. {@link #refresh()} makes new commits visible, and when another
 * index generation became active (a sync finished building the index of a new embedding model) it
 * opens that one and moves every new request to it; the old searcher is closed a while later, when
 * the requests that were using it have finished.
 */
public final class LiveSearcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveSearcher.class);
    /** How long a replaced searcher stays open for the requests still using it. */
    static final long RETIRE_AFTER_NANOS = TimeUnit.SECONDS.toNanos(60);

    private record Retired(Sluice.Searcher searcher, long sinceNanos) {}

    private final dev.sluice.backend.Backends backends;
    private final RetrievalSettings settings;
    private final dev.sluice.embed.EmbeddingModelSpec model;
    private volatile Sluice.Searcher current;
    private final List<Retired> retired = new ArrayList<>();

    public LiveSearcher(Path index, RetrievalSettings settings) {
        this(index, settings, null);
    }

    /** @param model the configured embedding model (see {@link Sluice#openSearcher(Path, RetrievalSettings, dev.sluice.embed.EmbeddingModelSpec)}) */
    public LiveSearcher(Path index, RetrievalSettings settings, dev.sluice.embed.EmbeddingModelSpec model) {
        this(dev.sluice.backend.Backends.embedded(index), settings, model);
    }

    /** Over the configured engines' index (see {@link Sluice#openSearcher(dev.sluice.backend.Backends, RetrievalSettings, dev.sluice.embed.EmbeddingModelSpec)}). */
    public LiveSearcher(
            dev.sluice.backend.Backends backends,
            RetrievalSettings settings,
            dev.sluice.embed.EmbeddingModelSpec model) {
        this.backends = backends;
        this.settings = settings;
        this.model = model;
        this.current = Sluice.openSearcher(backends, settings, model);
    }

    /** The searcher new requests should use. */
    public Sluice.Searcher get() {
        return current;
    }

    /** New commits become visible; a new active generation replaces the searcher. */
    public synchronized void refresh() {
        Sluice.Searcher now = current;
        if (now.index().superseded()) {
            Sluice.Searcher next = Sluice.openSearcher(backends, settings, model);
            current = next;
            retired.add(new Retired(now, System.nanoTime()));
            LOG.info(
                    "searches moved to the new index generation ({} in place of {})",
                    next.index().settings().modelId(),
                    now.index().settings().modelId());
        } else {
            now.index().refresh();
        }
        for (Iterator<Retired> it = retired.iterator(); it.hasNext(); ) {
            Retired r = it.next();
            if (System.nanoTime() - r.sinceNanos() > RETIRE_AFTER_NANOS) {
                r.searcher().close();
                it.remove();
            }
        }
    }

    @Override
    public synchronized void close() {
        retired.forEach(r -> r.searcher().close());
        retired.clear();
        current.close();
    }
}
