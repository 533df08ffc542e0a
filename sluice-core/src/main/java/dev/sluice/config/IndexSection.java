package dev.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.index.IndexLanguage;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The {@code index} key: the index folder as text ({@code index: ./index}), or a mapping with the
 * folder, the language its BM25 field is analyzed in and the engine that holds it:
 *
 * <pre>
 * index:
 *   path: ./index-de
 *   language: de
 *   backend: opensearch            # lucene (the default: the folder itself) or opensearch
 *   url: http://127.0.0.1:9201
 *   prefix: handbook               # the index (alias) name; generations are prefix-g1, prefix-g2, ...
 *   usernameEnv: OPENSEARCH_USER   # names of environment variables, never the secrets
 *   passwordEnv: OPENSEARCH_PASSWORD
 * </pre>
 *
 * With a shared engine the folder still holds what is local to one process (uploads, locks).
 */
final class IndexSection extends ConfigReader {
    static final Set<String> INDEX = Set.of(
            "path",
            "language",
            "backend",
            "url",
            "prefix",
            "usernameEnv",
            "passwordEnv",
            "replicas",
            "writeBufferChunks");

    /** The settings only a shared engine reads. */
    private static final java.util.List<String> ENGINE_KEYS =
            java.util.List.of("url", "prefix", "usernameEnv", "passwordEnv", "replicas", "writeBufferChunks");

    /**
     * @param folder the index folder, resolved against the file's folder
     * @param language the BM25 analysis language ({@link IndexLanguage#DEFAULT} when not set)
     * @param backend the engine that holds the index ({@link BackendChoice#EMBEDDED_INDEX} when not set)
     */
    record Read(Path folder, IndexLanguage language, BackendChoice backend) {}

    IndexSection(Path file, Map<String, Integer> lines) {
        super(file, lines);
    }

    Read read(JsonNode root, Path base, SluiceConfig defaults) {
        JsonNode node = root.get("index");
        if (node == null || node.isNull()) {
            return new Read(base.resolve(defaults.index()), defaults.language(), BackendChoice.EMBEDDED_INDEX);
        }
        if (!node.isObject()) {
            return new Read(
                    base.resolve(string(node, "index")).normalize(), defaults.language(), BackendChoice.EMBEDDED_INDEX);
        }
        object(node, "index", INDEX);
        Path folder = node.has("path")
                ? base.resolve(string(node.get("path"), "index.path")).normalize()
                : base.resolve(defaults.index());
        IndexLanguage language = defaults.language();
        if (node.has("language")) {
            try {
                language = IndexLanguage.of(string(node.get("language"), "index.language"));
            } catch (IllegalArgumentException e) {
                throw error("index.language", "index.language: " + e.getMessage());
            }
        }
        return new Read(folder, language, backend(node));
    }

    private int positiveOrZero(JsonNode node, String key) {
        int n = integer(node, key);
        if (n < 0) {
            throw error(key, key + " must be a whole number >= 0, got " + n);
        }
        return n;
    }

    private BackendChoice backend(JsonNode node) {
        String name = node.has("backend") ? string(node.get("backend"), "index.backend") : BackendChoice.LUCENE;
        java.util.Map<String, String> settings = new java.util.TreeMap<>();
        for (String key : ENGINE_KEYS) {
            if (node.has(key)) {
                JsonNode value = node.get(key);
                settings.put(
                        key,
                        value.isIntegralNumber()
                                ? Integer.toString(positiveOrZero(value, "index." + key))
                                : string(value, "index." + key));
            }
        }
        switch (name) {
            case BackendChoice.LUCENE -> {
                if (!settings.isEmpty()) {
                    String key = settings.keySet().iterator().next();
                    throw error(
                            "index." + key,
                            "index." + key + " is read only with index.backend: opensearch;"
                                    + " the embedded index (lucene) lives in index.path");
                }
            }
            case BackendChoice.OPENSEARCH -> {
                if (!settings.containsKey("url")) {
                    throw error(
                            "index.backend",
                            "index.backend: opensearch needs index.url (such as" + " http://127.0.0.1:9200)");
                }
                String prefix = settings.get("prefix");
                if (prefix != null && !prefix.matches("[a-z0-9][a-z0-9_-]{0,100}")) {
                    throw error(
                            "index.prefix",
                            "index.prefix must be lower-case letters, digits, - and _ (an"
                                    + " OpenSearch index name), got \"" + prefix + "\"");
                }
            }
            default ->
                throw error(
                        "index.backend",
                        "index.backend must be lucene (the default) or opensearch, got \"" + name + "\"");
        }
        return new BackendChoice(name, settings);
    }
}
