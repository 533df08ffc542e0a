package dev.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.embed.EmbeddingEndpoint;
import dev.sluice.embed.EmbeddingModelSpec;
import dev.sluice.embed.ModelFiles;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code embedding.model} as a mapping: a model from files ({@code path:}, or {@code onnx:} and {@code
 * tokenizer:}) or an OpenAI-compatible endpoint ({@code endpoint:}). A model from files is opened once
 * here, so a file that is not an embedding model is refused at start-up with the line of its key.
 */
final class EmbeddingSection extends ConfigReader {
    private static final String KEY = "embedding.model";
    private static final Set<String> FILES = Set.of(
            "path",
            "onnx",
            "tokenizer",
            "pooling",
            "maxLength",
            "queryPrefix",
            "documentPrefix",
            "normalize",
            "id",
            "dimensions");
    private static final Set<String> ENDPOINT = Set.of(
            "endpoint",
            "model",
            "dimensions",
            "apiKeyEnv",
            "batchSize",
            "maxInputTokens",
            "timeoutSeconds",
            "retries",
            "requestsPerMinute",
            "usdPerMillionTokens",
            "dailyUsd",
            "monthlyUsd",
            "id");

    EmbeddingSection(Path file, Map<String, Integer> lines) {
        super(file, lines);
    }

    /** The model a mapping describes; {@code base} is the folder of sluice.yaml. */
    EmbeddingModelSpec model(JsonNode node, Path base) {
        if (!node.isObject()) {
            throw error(KEY, KEY + " must be a model id or a mapping, got " + describe(node));
        }
        if (node.has("endpoint")) {
            object(node, KEY, ENDPOINT);
            return endpoint(node);
        }
        object(node, KEY, FILES);
        return files(node, base);
    }

    private EmbeddingModelSpec files(JsonNode node, Path base) {
        Path folder = node.has("path") ? existing(node, "path", base, true) : null;
        if (folder == null && !(node.has("onnx") && node.has("tokenizer"))) {
            throw error(
                    KEY,
                    KEY + " as a mapping needs path: (a folder with model.onnx and tokenizer.json), or"
                            + " onnx: and tokenizer:, or endpoint: (an OpenAI-compatible embeddings API)");
        }
        Path onnx = node.has("onnx") ? existing(node, "onnx", base, false) : inFolder(folder, "model.onnx");
        Path tokenizer =
                node.has("tokenizer") ? existing(node, "tokenizer", base, false) : inFolder(folder, "tokenizer.json");
        EmbeddingModelSpec.Pooling pooling = EmbeddingModelSpec.Pooling.MEAN;
        if (node.has("pooling")) {
            String value = string(node.get("pooling"), KEY + ".pooling").toUpperCase(Locale.ROOT);
            try {
                pooling = EmbeddingModelSpec.Pooling.valueOf(value);
            } catch (IllegalArgumentException e) {
                throw error(
                        KEY + ".pooling", KEY + ".pooling must be mean or cls, got " + describe(node.get("pooling")));
            }
        }
        int maxLength = node.has("maxLength") ? positive(node.get("maxLength"), KEY + ".maxLength") : 512;
        if (maxLength < 3) {
            throw error(
                    KEY + ".maxLength",
                    KEY + ".maxLength must be >= 3 (two special tokens and text), got " + maxLength);
        }
        ModelFiles files = ModelFiles.of(onnx, tokenizer);
        ModelFiles.Graph graph;
        try {
            graph = files.inspect();
        } catch (IllegalArgumentException e) {
            String key = node.has("onnx") ? KEY + ".onnx" : KEY + ".path";
            throw error(key, key + ": " + e.getMessage());
        }
        if (node.has("dimensions")) {
            int declared = positive(node.get("dimensions"), KEY + ".dimensions");
            if (declared != graph.dimensions()) {
                throw error(
                        KEY + ".dimensions",
                        String.format(
                                Locale.ROOT,
                                "%s gives %d-dimension vectors, but %s.dimensions is %d: correct dimensions or the file",
                                onnx,
                                graph.dimensions(),
                                KEY,
                                declared));
            }
        }
        return EmbeddingModelSpec.fromFiles(
                node.has("id") ? string(node.get("id"), KEY + ".id") : null,
                files,
                graph.dimensions(),
                maxLength,
                pooling,
                text(node, "queryPrefix"),
                text(node, "documentPrefix"),
                !node.has("normalize") || bool(node.get("normalize"), KEY + ".normalize"));
    }

    private EmbeddingModelSpec endpoint(JsonNode node) {
        URI uri;
        String text = string(node.get("endpoint"), KEY + ".endpoint");
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw error(
                    KEY + ".endpoint",
                    KEY + ".endpoint must be a URL such as https://api.openai.com/v1, got \"" + text + "\"");
        }
        if (!node.has("model")) {
            throw error(
                    KEY,
                    KEY + ".model must name the endpoint's model, such as text-embedding-3-small or"
                            + " nomic-embed-text");
        }
        try {
            EmbeddingEndpoint endpoint = new EmbeddingEndpoint(
                    uri,
                    string(node.get("model"), KEY + ".model"),
                    node.has("dimensions") ? positive(node.get("dimensions"), KEY + ".dimensions") : 0,
                    node.has("apiKeyEnv") ? string(node.get("apiKeyEnv"), KEY + ".apiKeyEnv") : null,
                    node.has("batchSize") ? positive(node.get("batchSize"), KEY + ".batchSize") : 64,
                    node.has("maxInputTokens") ? positive(node.get("maxInputTokens"), KEY + ".maxInputTokens") : 510,
                    1000L
                            * (node.has("timeoutSeconds")
                                    ? positive(node.get("timeoutSeconds"), KEY + ".timeoutSeconds")
                                    : 60),
                    node.has("retries") ? integer(node.get("retries"), KEY + ".retries") : 4,
                    node.has("requestsPerMinute")
                            ? integer(node.get("requestsPerMinute"), KEY + ".requestsPerMinute")
                            : 0,
                    usd(node.get("usdPerMillionTokens"), KEY + ".usdPerMillionTokens"),
                    usd(node.get("dailyUsd"), KEY + ".dailyUsd"),
                    usd(node.get("monthlyUsd"), KEY + ".monthlyUsd"));
            return EmbeddingModelSpec.endpoint(node.has("id") ? string(node.get("id"), KEY + ".id") : null, endpoint);
        } catch (IllegalArgumentException e) {
            throw error(KEY + ".endpoint", e.getMessage());
        }
    }

    private String text(JsonNode node, String key) {
        if (!node.has(key)) {
            return "";
        }
        if (!node.get(key).isTextual()) {
            throw error(KEY + "." + key, KEY + "." + key + " must be a text, got " + describe(node.get(key)));
        }
        return node.get(key).asText(); // not trimmed: "query: " ends with its space
    }

    private Path existing(JsonNode node, String key, Path base, boolean folder) {
        String full = KEY + "." + key;
        Path path = base.resolve(string(node.get(key), full)).normalize();
        if (folder ? !Files.isDirectory(path) : !Files.isRegularFile(path)) {
            throw error(
                    full,
                    full + ": " + path + (Files.exists(path) ? " is not a " : " does not exist; expected a ")
                            + (folder ? "folder with model.onnx and tokenizer.json" : "file")
                            + " (paths are relative to"
                            + " sluice.yaml)");
        }
        return path;
    }

    private Path inFolder(Path folder, String name) {
        Path path = folder.resolve(name);
        if (!Files.isRegularFile(path)
                && Files.isRegularFile(folder.resolve("onnx").resolve(name))) {
            path = folder.resolve("onnx").resolve(name); // the layout of many Hugging Face repositories
        }
        if (!Files.isRegularFile(path)) {
            throw error(
                    KEY + ".path",
                    KEY + ".path: " + folder + " has no " + name + "; export the model with its"
                            + " tokenizer (optimum-cli export onnx ...) or name the files with onnx: and tokenizer:");
        }
        return path;
    }
}
