package dev.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code catalog} key: where the catalog and every store beside it live. Embedded SQLite in the
 * index folder by default; a shared PostgreSQL for several processes (service replicas, ingestion
 * workers, the CLI):
 *
 * <pre>
 * catalog:
 *   backend: postgresql               # sqlite (the default) or postgresql
 *   url: jdbc:postgresql://db.internal:5432/sluice
 *   schema: handbook                  # one knowledge base per schema (default: sluice)
 *   userEnv: SLUICE_PG_USER           # names of environment variables, never the secrets
 *   passwordEnv: SLUICE_PG_PASSWORD
 * </pre>
 */
final class CatalogSection extends ConfigReader {
    static final Set<String> CATALOG = Set.of("backend", "url", "schema", "userEnv", "passwordEnv");

    private static final java.util.List<String> ENGINE_KEYS =
            java.util.List.of("url", "schema", "userEnv", "passwordEnv");

    CatalogSection(Path file, Map<String, Integer> lines) {
        super(file, lines);
    }

    BackendChoice read(JsonNode root) {
        JsonNode node = root.get("catalog");
        if (node == null || node.isNull()) {
            return BackendChoice.EMBEDDED_CATALOG;
        }
        object(node, "catalog", CATALOG);
        String name = node.has("backend") ? string(node.get("backend"), "catalog.backend") : BackendChoice.SQLITE;
        Map<String, String> settings = new TreeMap<>();
        for (String key : ENGINE_KEYS) {
            if (node.has(key)) {
                settings.put(key, string(node.get(key), "catalog." + key));
            }
        }
        switch (name) {
            case BackendChoice.SQLITE -> {
                if (!settings.isEmpty()) {
                    String key = settings.keySet().iterator().next();
                    throw error(
                            "catalog." + key,
                            "catalog." + key + " is read only with catalog.backend: postgresql;"
                                    + " the embedded catalog (sqlite) is a file in the index folder");
                }
            }
            case BackendChoice.POSTGRESQL -> {
                String url = settings.get("url");
                if (url == null) {
                    throw error(
                            "catalog.backend",
                            "catalog.backend: postgresql needs catalog.url (such as"
                                    + " jdbc:postgresql://127.0.0.1:5432/sluice)");
                }
                if (!url.startsWith("jdbc:postgresql:")) {
                    throw error(
                            "catalog.url",
                            "catalog.url must be a JDBC URL starting jdbc:postgresql:, got \"" + url + "\"");
                }
                if (url.contains("password=")) {
                    throw error(
                            "catalog.url",
                            "catalog.url must not carry a password: name the environment"
                                    + " variable that holds it in catalog.passwordEnv");
                }
                String schema = settings.get("schema");
                if (schema != null && !schema.matches("[a-z_][a-z0-9_]{0,62}")) {
                    throw error(
                            "catalog.schema",
                            "catalog.schema must be lower-case letters, digits and _ (a"
                                    + " PostgreSQL schema name), got \"" + schema + "\"");
                }
            }
            default ->
                throw error(
                        "catalog.backend",
                        "catalog.backend must be sqlite (the default) or postgresql," + " got \"" + name + "\"");
        }
        return new BackendChoice(name, settings);
    }
}
