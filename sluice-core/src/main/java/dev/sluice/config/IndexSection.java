package dev.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.index.IndexLanguage;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The {@code index} key: the index folder as text ({@code index: ./index}), or a mapping with the
 * folder and the language its BM25 field is analyzed in:
 *
 * <pre>
 * index:
 *   path: ./index-de
 *   language: de
 * </pre>
 */
final class IndexSection extends ConfigReader {
    static final Set<String> INDEX = Set.of("path", "language");

    /**
     * @param folder the index folder, resolved against the file's folder
     * @param language the BM25 analysis language ({@link IndexLanguage#DEFAULT} when not set)
     */
    record Read(Path folder, IndexLanguage language) {}

    IndexSection(Path file, Map<String, Integer> lines) {
        super(file, lines);
    }

    Read read(JsonNode root, Path base, SluiceConfig defaults) {
        JsonNode node = root.get("index");
        if (node == null || node.isNull()) {
            return new Read(base.resolve(defaults.index()), defaults.language());
        }
        if (!node.isObject()) {
            return new Read(base.resolve(string(node, "index")).normalize(), defaults.language());
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
        return new Read(folder, language);
    }
}
