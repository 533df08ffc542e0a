package dev.sluice.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Values for a documented parameter, good and bad ones, read from its schema; and multipart uploads. */
final class ApiSamples {
    private ApiSamples() {}

    private static JsonNode schema(JsonNode param) {
        JsonNode s = param.get("schema");
        return s.path("type").asText().equals("array") ? s.get("items") : s;
    }

    /** A value the parameter's schema allows: its example, the first of its values, its default or its minimum. */
    static String valid(JsonNode param) {
        JsonNode s = schema(param);
        if (s.has("examples")) {
            return s.get("examples").get(0).asText();
        }
        if (s.has("enum")) {
            return s.get("enum").get(s.get("enum").size() - 1).asText();
        }
        return switch (s.path("type").asText()) {
            case "boolean" -> Boolean.toString(!s.path("default").asBoolean(false));
            case "integer" ->
                s.has("default") ? s.get("default").asText() : s.get("minimum").asText();
            default -> "hr";
        };
    }

    /** Values the schema refuses (null: leave the parameter out, for a required one). */
    static List<String> invalid(JsonNode param) {
        JsonNode s = schema(param);
        List<String> out = new ArrayList<>();
        if (param.get("required").asBoolean()) {
            out.add(null);
            if (s.has("minLength")) {
                out.add("   ");
            }
        }
        if (s.has("enum")) {
            out.add("nosuch");
        }
        switch (s.path("type").asText()) {
            case "boolean" -> out.add("maybe");
            case "integer" -> {
                out.add("abc");
                out.add("-1");
                out.add("1.5");
                long max = s.get("maximum").asLong();
                if (max < Integer.MAX_VALUE) {
                    out.add(Long.toString(max + 1));
                }
                long min = s.get("minimum").asLong();
                if (min > 0) {
                    out.add(Long.toString(min - 1));
                }
            }
            default -> {}
        }
        return out;
    }

    /** A multipart/form-data request: files (name to content) as parts named 'files', plus form fields. */
    static HttpRequest upload(String url, String key, Map<String, String> files, Map<String, String> fields) {
        String boundary = "sluice-openapi-boundary-3c9e";
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append("--")
                .append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"")
                .append(name)
                .append("\"\r\n\r\n")
                .append(value)
                .append("\r\n"));
        files.forEach((name, content) -> body.append("--")
                .append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"files\"; filename=\"")
                .append(name)
                .append("\"\r\nContent-Type: text/markdown\r\n\r\n")
                .append(content)
                .append("\r\n"));
        body.append("--").append(boundary).append("--\r\n");
        return HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
    }
}
