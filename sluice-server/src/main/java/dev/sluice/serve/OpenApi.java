package dev.sluice.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /openapi.json}: generated from the route table the server registers, so the two cannot drift. */
final class OpenApi {
    private OpenApi() {}

    /** An OpenAPI 3.1 document of the route table. */
    static String document(List<SluiceServer.Route> table) {
        Map<String, Object> paths = new LinkedHashMap<>();
        for (SluiceServer.Route r : table) {
            Map<String, Object> responses = new LinkedHashMap<>();
            responses.put("200", Map.of("description", "OK"));
            if (r.scope() != null) {
                responses.put("400", Map.of("description", "bad request: {code, message}"));
                responses.put("401", Map.of("description", "no valid API key"));
                responses.put("403", Map.of("description", "the key lacks the scope"));
                responses.put("429", Map.of("description", "over the key's request rate; see Retry-After"));
            }
            Map<String, Object> operation = new LinkedHashMap<>();
            operation.put("summary", r.summary() + (r.scope() == null ? "" : " (scope: " + r.scope() + ")"));
            if (r.scope() != null) {
                operation.put("security", List.of(Map.of("apiKey", List.of())));
            }
            List<Map<String, Object>> parameters = new ArrayList<>();
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("\\{(\\w+)}").matcher(r.path());
            while (m.find()) {
                parameters.add(
                        Map.of("name", m.group(1), "in", "path", "required", true, "schema", Map.of("type", "string")));
            }
            if (!parameters.isEmpty()) {
                operation.put("parameters", parameters);
            }
            operation.put("responses", responses);
            @SuppressWarnings("unchecked")
            Map<String, Object> item =
                    (Map<String, Object>) paths.computeIfAbsent(r.path(), p -> new LinkedHashMap<>());
            item.put(r.method(), operation);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", "Sluice", "version", "1"));
        doc.put("paths", paths);
        doc.put("components", Map.of("securitySchemes", Map.of("apiKey", Map.of("type", "http", "scheme", "bearer"))));
        return Http.write(doc);
    }
}
