package dev.sluice;

import dev.sluice.backend.Backends;
import dev.sluice.backend.CatalogStores;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.sqlite.SqliteCatalog;
import java.util.Map;

/**
 * Where one knowledge base's stores live ({@code index.backend}, {@code catalog.backend}) and its one
 * open catalog, for {@link KnowledgeBase}. The catalog is opened on first use under a lock of its own:
 * the trace exporter's thread reaches it while {@link KnowledgeBase#close} (which holds the knowledge
 * base's lock) waits for the last spans.
 */
final class KnowledgeBaseStores implements AutoCloseable {
    private final EffectiveConfig config;
    private final Map<String, String> environment;
    private final Object lock = new Object();
    private Backends backends;
    private CatalogStores catalog;
    private boolean closed;

    KnowledgeBaseStores(EffectiveConfig config, Map<String, String> environment) {
        this.config = config;
        this.environment = environment;
    }

    /** The configured engines, resolved on first use (a missing backend module fails here, clearly). */
    Backends backends() {
        synchronized (lock) {
            if (backends == null) {
                backends = Backends.of(config.backends(), config.index(), environment);
            }
            return backends;
        }
    }

    /** The configured engines for a run into the knowledge base; the embedded ones for a scratch index. */
    Backends backendsFor(IngestOptions options) {
        return options.index()
                        .toAbsolutePath()
                        .normalize()
                        .equals(config.index().toAbsolutePath().normalize())
                ? backends()
                : Backends.embedded(options.index());
    }

    /** The open catalog; an embedded one must exist already (nothing ingested yet is a clear error). */
    CatalogStores catalog() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("this knowledge base is closed");
            }
            if (catalog == null) {
                Backends b = backends();
                catalog =
                        b.choice().catalog().embedded() ? SqliteCatalog.openExisting(config.index()) : b.openCatalog();
            }
            return catalog;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (catalog != null) {
                try {
                    catalog.close();
                } finally {
                    catalog = null;
                }
            }
        }
    }
}
