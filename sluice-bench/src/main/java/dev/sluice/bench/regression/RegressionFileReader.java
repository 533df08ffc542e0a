package dev.sluice.bench.regression;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sluice.bench.regression.RegressionFile.IndexRecipe;
import dev.sluice.bench.regression.RegressionFile.ModeFigures;
import dev.sluice.bench.regression.RegressionFile.Slice;
import dev.sluice.core.SluiceException;
import dev.sluice.embed.EmbeddingModelSpec;
import dev.sluice.eval.Metric;
import dev.sluice.retrieve.SearchMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates a regression file. Every key is checked once, here: a missing or unknown key,
 * a value of the wrong kind or out of range is a {@link RegressionFileException} naming the file,
 * the dotted key and the fix. Unknown keys are errors, so a misspelt {@code tolerence} never
 * silently falls back to something else. The layout is documented at the top of each file in
 * {@code regressions/}.
 */
public final class RegressionFileReader {
    private static final Set<String> TOP = Set.of("name", "dataset", "split", "index", "slice", "modes");
    private static final Set<String> INDEX = Set.of("model", "maxChunkTokens", "overlapTokens");
    private static final Set<String> SLICE = Set.of("queries", "otherDocuments");
    private static final Set<String> MODE = Set.of("tolerance", "expected");

    private final Path file;

    private RegressionFileReader(Path file) {
        this.file = file;
    }

    /** Reads {@code file}. */
    public static RegressionFile read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new RegressionFileException(file, "", "no such file; list them with: ls regressions/");
        } catch (IOException e) {
            throw new RegressionFileException(file, "", "cannot read: " + e.getMessage());
        }
        return parse(file, text);
    }

    /** Parses {@code text} as the content of {@code file}. */
    public static RegressionFile parse(Path file, String text) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new RegressionFileException(
                    file, "", "not valid YAML at line " + line + ": " + e.getOriginalMessage());
        }
        return new RegressionFileReader(file).bind(root);
    }

    private RegressionFile bind(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new RegressionFileException(
                    file, "", "must be a YAML mapping with keys name, dataset, split, index, modes (slice optional)");
        }
        keys(root, "", TOP);
        String name = text(root, "name");
        String dataset = text(root, "dataset");
        String split = text(root, "split");
        JsonNode index = object(root, "index", "index");
        keys(index, "index", INDEX);
        String model = text(index, "index.model");
        try {
            EmbeddingModelSpec.byId(model);
        } catch (IllegalArgumentException e) {
            throw new RegressionFileException(file, "index.model", e.getMessage());
        }
        IndexRecipe recipe =
                new IndexRecipe(model, whole(index, "index.maxChunkTokens", 1), whole(index, "index.overlapTokens", 0));
        Slice slice = null;
        if (root.has("slice")) {
            JsonNode s = object(root, "slice", "slice");
            keys(s, "slice", SLICE);
            slice = new Slice(whole(s, "slice.queries", 1), whole(s, "slice.otherDocuments", 0));
        }
        JsonNode modes = object(root, "modes", "modes");
        if (modes.isEmpty()) {
            throw new RegressionFileException(file, "modes", "must name at least one of bm25, dense, hybrid");
        }
        List<ModeFigures> figures = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : modes.properties()) {
            String key = "modes." + entry.getKey();
            SearchMode mode = SearchMode.fromLabel(entry.getKey());
            if (mode == null) {
                throw new RegressionFileException(file, key, "unknown mode; known: bm25, dense, hybrid");
            }
            JsonNode node = object(modes, entry.getKey(), key);
            keys(node, key, MODE);
            double tolerance = number(node, key + ".tolerance");
            if (!(tolerance >= 0 && tolerance < 1)) {
                throw new RegressionFileException(
                        file, key + ".tolerance", "must be >= 0 and < 1, got " + tolerance + "; write e.g. 0.0005");
            }
            JsonNode expected = object(node, "expected", key + ".expected");
            if (expected.isEmpty()) {
                throw new RegressionFileException(
                        file, key + ".expected", "must list at least one metric, e.g. ndcg@10: 0.7003");
            }
            Map<Metric, Double> values = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> metric : expected.properties()) {
                String metricKey = key + ".expected." + metric.getKey();
                Metric parsed;
                try {
                    parsed = Metric.parse(metric.getKey());
                } catch (SluiceException e) {
                    throw new RegressionFileException(file, metricKey, e.getMessage());
                }
                double value = number(expected, metricKey);
                if (!(value >= 0 && value <= 1)) {
                    throw new RegressionFileException(file, metricKey, "must be within 0..1, got " + value);
                }
                if (values.put(parsed, value) != null) {
                    throw new RegressionFileException(file, metricKey, "names " + parsed.name() + " twice");
                }
            }
            figures.add(new ModeFigures(mode, tolerance, values));
        }
        return new RegressionFile(file, name, dataset, split, recipe, slice, figures);
    }

    private void keys(JsonNode node, String prefix, Set<String> known) {
        for (String key : (Iterable<String>) node::fieldNames) {
            if (!known.contains(key)) {
                throw new RegressionFileException(
                        file, prefix.isEmpty() ? key : prefix + "." + key, "unknown key; known here: " + sorted(known));
            }
        }
    }

    private JsonNode required(JsonNode parent, String dotted) {
        JsonNode node = parent.get(last(dotted));
        if (node == null || node.isNull()) {
            throw new RegressionFileException(
                    file,
                    dotted,
                    "missing; every regression file sets it (see the"
                            + " comment at the top of regressions/scifact-train.yaml)");
        }
        return node;
    }

    private String text(JsonNode parent, String dotted) {
        JsonNode node = required(parent, dotted);
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new RegressionFileException(file, dotted, "must be a non-empty string, got " + node);
        }
        return node.asText().strip();
    }

    private JsonNode object(JsonNode parent, String field, String dotted) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            required(parent, dotted);
        }
        if (!node.isObject()) {
            throw new RegressionFileException(file, dotted, "must be a mapping (key: value lines), got " + node);
        }
        return node;
    }

    private double number(JsonNode parent, String dotted) {
        JsonNode node = required(parent, dotted);
        if (!node.isNumber()) {
            throw new RegressionFileException(file, dotted, "must be a number, got " + node);
        }
        return node.asDouble();
    }

    private int whole(JsonNode parent, String dotted, int min) {
        JsonNode node = required(parent, dotted);
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < min) {
            throw new RegressionFileException(file, dotted, "must be a whole number >= " + min + ", got " + node);
        }
        return node.asInt();
    }

    private static String last(String dotted) {
        return dotted.substring(dotted.lastIndexOf('.') + 1);
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }
}
