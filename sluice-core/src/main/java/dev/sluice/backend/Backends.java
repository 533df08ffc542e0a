package dev.sluice.backend;

import dev.sluice.config.BackendChoice;
import dev.sluice.config.SluiceConfig;
import dev.sluice.core.SluiceException;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The engines one knowledge base lives in, as configured: its index ({@code index.backend}) and its
 * catalog ({@code catalog.backend}), each found by name among the {@link BackendProvider}s on the class
 * path. The embedded ones (Lucene, SQLite) are built into sluice-core; OpenSearch and PostgreSQL come
 * with their modules. Thread-safe; opening the catalog opens a new connection each time.
 */
public final class Backends {
    private final SluiceConfig.Backends choice;
    private final Path folder;
    private final Map<String, String> environment;
    private final IndexBackend index;
    private final BackendProvider catalog;

    private Backends(SluiceConfig.Backends choice, Path folder, Map<String, String> environment) {
        this.choice = choice;
        this.folder = folder;
        this.environment = Map.copyOf(environment);
        this.index = provider("index", choice.index()).index(options("index", choice.index()));
        this.catalog = provider("catalog", choice.catalog());
    }

    /** The embedded Lucene index and SQLite catalog in {@code folder}. */
    public static Backends embedded(Path folder) {
        return new Backends(SluiceConfig.Backends.EMBEDDED, folder, Map.of());
    }

    /**
     * The configured engines for the knowledge base whose local folder is {@code folder}; secrets are
     * read from {@code environment}. Fails with a clear message when a backend's module is missing.
     */
    public static Backends of(SluiceConfig.Backends choice, Path folder, Map<String, String> environment) {
        return new Backends(choice, folder, environment);
    }

    /** What was configured. */
    public SluiceConfig.Backends choice() {
        return choice;
    }

    /** The knowledge base's local folder (the whole index and catalog when both are embedded). */
    public Path folder() {
        return folder;
    }

    /** Whether the index and the catalog are the embedded ones. */
    public boolean embedded() {
        return choice.embedded();
    }

    /** The index. */
    public IndexBackend index() {
        return index;
    }

    /** Whether anything was recorded in the catalog yet. */
    public boolean catalogExists() {
        return catalog.catalogExists(options("catalog", choice.catalog()));
    }

    /** Opens the catalog (creating it, and bringing its schema up to date); the caller closes it. */
    public CatalogStores openCatalog() {
        return catalog.catalog(options("catalog", choice.catalog()));
    }

    private BackendOptions options(String section, BackendChoice chosen) {
        return new BackendOptions(section, chosen.name(), folder, chosen.settings(), environment);
    }

    private static BackendProvider provider(String section, BackendChoice chosen) {
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader())) {
            if (p.name().equals(chosen.name()) && p.serves(section)) {
                return p;
            }
        }
        String module = switch (chosen.name()) {
            case BackendChoice.OPENSEARCH -> "sluice-opensearch";
            case BackendChoice.POSTGRESQL -> "sluice-postgres";
            default -> null;
        };
        throw new SluiceException(section + ".backend: " + chosen.name() + " is not available here"
                + (module == null
                        ? ""
                        : ": it needs the " + module + " module on the class path (the Sluice distribution"
                                + " carries it; an application adds the dev.sluice:" + module + " artifact)"));
    }
}
