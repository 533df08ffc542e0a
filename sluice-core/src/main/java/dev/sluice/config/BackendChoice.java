package dev.sluice.config;

import java.util.Map;
import java.util.TreeMap;

/**
 * Which engine holds the index ({@code index.backend}) or the catalog ({@code catalog.backend}), and its
 * settings as written (such as {@code url}, {@code prefix}, {@code passwordEnv}); secrets are never here,
 * only the names of the environment variables that hold them.
 *
 * @param name the backend's name: {@code lucene} or {@code opensearch} for the index, {@code sqlite} or
 *     {@code postgresql} for the catalog
 * @param settings the section's other settings, by key
 */
public record BackendChoice(String name, Map<String, String> settings) {
    /** The embedded index: a Lucene folder. */
    public static final String LUCENE = "lucene";

    /** The shared index engine. */
    public static final String OPENSEARCH = "opensearch";

    /** The embedded catalog: a SQLite file in the index folder. */
    public static final String SQLITE = "sqlite";

    /** The shared catalog. */
    public static final String POSTGRESQL = "postgresql";

    public static final BackendChoice EMBEDDED_INDEX = new BackendChoice(LUCENE, Map.of());
    public static final BackendChoice EMBEDDED_CATALOG = new BackendChoice(SQLITE, Map.of());

    public BackendChoice {
        settings = java.util.Collections.unmodifiableMap(new TreeMap<>(settings));
    }

    /** Whether this is the embedded engine (Lucene or SQLite), which needs no server. */
    public boolean embedded() {
        return LUCENE.equals(name) || SQLITE.equals(name);
    }
}
