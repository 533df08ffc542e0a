package dev.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.lineage.LineageSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code lineage} section: where the OpenLineage events of ingest runs go ({@code transport: http},
 * {@code file}, {@code console} or {@code none}, the default).
 */
final class LineageSection extends ConfigReader {
    static final Set<String> LINEAGE =
            Set.of("transport", "url", "endpoint", "apiKeyEnv", "path", "namespace", "job", "timeoutMs");

    LineageSection(Path file, Map<String, Integer> lines) {
        super(file, lines);
    }

    /** The section's settings; {@code base} is sluice.yaml's folder, which a relative {@code path} starts from. */
    LineageSettings lineage(JsonNode root, Path base) {
        JsonNode node = section(root, "lineage", LINEAGE);
        if (node.isMissingNode()) {
            return LineageSettings.NONE;
        }
        LineageSettings.Transport transport = transport(node.get("transport"));
        URI url = null;
        if (node.has("url")) {
            url = url(node.get("url"));
        } else if (transport == LineageSettings.Transport.HTTP) {
            throw error(
                    "lineage.transport",
                    "lineage.transport is http but lineage.url is missing: add the receiver's base URL"
                            + " (url: http://localhost:5000 for Marquez)");
        }
        Path path = null;
        if (node.has("path")) {
            path = base.resolve(string(node.get("path"), "lineage.path")).normalize();
        } else if (transport == LineageSettings.Transport.FILE) {
            throw error(
                    "lineage.transport",
                    "lineage.transport is file but lineage.path is missing: add the file events are appended to"
                            + " (path: .sluice/lineage.jsonl)");
        }
        String endpoint = LineageSettings.DEFAULT_ENDPOINT;
        if (node.has("endpoint")) {
            endpoint = string(node.get("endpoint"), "lineage.endpoint");
            if (!endpoint.startsWith("/")) {
                throw error(
                        "lineage.endpoint",
                        "lineage.endpoint must be a path starting with / (the default is "
                                + LineageSettings.DEFAULT_ENDPOINT + "), got \"" + endpoint + "\"");
            }
        }
        String apiKeyEnv = node.has("apiKeyEnv") ? string(node.get("apiKeyEnv"), "lineage.apiKeyEnv") : null;
        String namespace = node.has("namespace")
                ? nonBlank(node.get("namespace"), "lineage.namespace")
                : LineageSettings.DEFAULT_NAMESPACE;
        String job = node.has("job") ? nonBlank(node.get("job"), "lineage.job") : null;
        int timeout = node.has("timeoutMs")
                ? positive(node.get("timeoutMs"), "lineage.timeoutMs")
                : LineageSettings.DEFAULT_TIMEOUT_MILLIS;
        return new LineageSettings(transport, url, endpoint, apiKeyEnv, path, namespace, job, timeout);
    }

    private LineageSettings.Transport transport(JsonNode node) {
        String allowed = Arrays.stream(LineageSettings.Transport.values())
                .map(LineageSettings.Transport::label)
                .collect(Collectors.joining(", "));
        if (node == null || node.isNull()) {
            throw error("lineage", "lineage needs a transport: one of " + allowed + " (transport: http)");
        }
        String value = string(node, "lineage.transport").trim().toLowerCase(Locale.ROOT);
        for (LineageSettings.Transport t : LineageSettings.Transport.values()) {
            if (t.label().equals(value)) {
                return t;
            }
        }
        throw error("lineage.transport", "lineage.transport must be one of " + allowed + ", got " + describe(node));
    }

    private URI url(JsonNode node) {
        String text = string(node, "lineage.url");
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new URISyntaxException(text, "not an http(s) URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw error(
                    "lineage.url",
                    "lineage.url must be an http or https URL such as http://localhost:5000, got \"" + text + "\"");
        }
    }

    private String nonBlank(JsonNode node, String key) {
        String value = string(node, key);
        if (value.isBlank()) {
            throw error(key, key + " must not be empty");
        }
        return value.trim();
    }
}
