package dev.sluice.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /openapi.json}: an OpenAPI 3.1 document written from the route table the server registers and
 * the {@link ApiOperation} each entry declares, so the two cannot drift: every route is in it, with the
 * parameters, body and answers its handler is held to. What a route's scope implies (401, 403, 429,
 * 500, 503 and the API key), what a JSON body implies (413, 415) and the 400 for a query parameter
 * the route does not take are added here, once for all.
 */
final class OpenApi {
    private static final Pattern PATH_PARAM = Pattern.compile("\\{(\\w+)}");

    private OpenApi() {}

    /** The document of the route table; fails when a route's path and its declared path parameters differ. */
    static String document(List<SluiceServer.Route> table) {
        Map<String, Object> paths = new LinkedHashMap<>();
        for (SluiceServer.Route r : table) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item =
                    (Map<String, Object>) paths.computeIfAbsent(r.path(), p -> new LinkedHashMap<>());
            item.put(r.method(), operation(r));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put(
                "info",
                Map.of(
                        "title",
                        "Sluice",
                        "version",
                        "1",
                        "description",
                        "The Sluice knowledge base over HTTP. Every /v1 route needs an API key (Authorization:"
                                + " Bearer sk_sluice_...) with the scope the route names (x-sluice-scope). Every"
                                + " refusal is {code, message}. Every response carries X-Request-Id and a W3C"
                                + " traceparent. Unknown query parameters are refused (400, naming them)."));
        doc.put("security", List.of(Map.of("apiKey", List.of())));
        doc.put("paths", paths);
        doc.put(
                "components",
                Map.of(
                        "schemas",
                        ApiSchemas.all(),
                        "securitySchemes",
                        Map.of(
                                "apiKey",
                                Map.of(
                                        "type",
                                        "http",
                                        "scheme",
                                        "bearer",
                                        "bearerFormat",
                                        "sk_sluice_<16 hex id>_<43 characters of secret>",
                                        "description",
                                        "an API key from sluice keys create"))));
        return Http.write(canonical(doc));
    }

    /**
     * The same maps and lists, with every map whose order is not its own ({@code Map.of}, whose order
     * changes from one JVM to the next) sorted by key: the document is the same bytes on every start.
     */
    private static Object canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = map instanceof LinkedHashMap<?, ?> || map instanceof java.util.SortedMap<?, ?>
                    ? new LinkedHashMap<>()
                    : new java.util.TreeMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), canonical(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(canonical(v)));
            return out;
        }
        return value;
    }

    private static Map<String, Object> operation(SluiceServer.Route r) {
        ApiOperation api = r.api();
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", api.id());
        op.put("summary", api.summary());
        String scopeNote = r.scope() == null
                ? "Open: no key needed."
                : api.isAnyKey() ? "Any valid API key." : "Scope: " + r.scope() + ".";
        op.put("description", (api.description() == null ? "" : api.description() + " ") + scopeNote);
        op.put("tags", List.of(tag(r.path())));
        if (r.scope() == null) {
            op.put("security", List.of());
        } else {
            op.put("x-sluice-scope", api.isAnyKey() ? "any" : r.scope());
        }
        List<Map<String, Object>> parameters = new ArrayList<>();
        Set<String> declaredInPath = new LinkedHashSet<>();
        for (ApiParam<?> p : api.params()) {
            parameters.add(p.openApi());
            if (p.in() == ApiParam.In.PATH) {
                declaredInPath.add(p.name());
            }
        }
        Set<String> inPath = new LinkedHashSet<>();
        Matcher m = PATH_PARAM.matcher(r.path());
        while (m.find()) {
            inPath.add(m.group(1));
        }
        if (api.freeForm()) {
            op.put("x-sluice-free-form", true); // its query string is not checked; its body is the protocol's
            for (String name : inPath) {
                parameters.add(
                        ApiParam.path(name, Map.of("type", "string"), name).openApi());
            }
        } else if (!inPath.equals(declaredInPath)) {
            throw new IllegalStateException(r.method() + " " + r.path() + " has path parameters " + inPath
                    + " but its ApiOperation declares " + declaredInPath + ": declare each with ApiParam.path");
        }
        if (!parameters.isEmpty()) {
            op.put("parameters", parameters);
        }
        ApiOperation.Body body = api.body();
        if (body != null) {
            Map<String, Object> media = new LinkedHashMap<>();
            media.put("schema", body.schema() == null ? Map.of() : ApiSchemas.ref(body.schema()));
            if (body.example() != null) {
                media.put("example", parse(body.example()));
            }
            op.put("requestBody", Map.of("required", true, "content", Map.of(body.mediaType(), media)));
        }
        op.put("responses", responses(r, api));
        return op;
    }

    private static Map<String, Object> responses(SluiceServer.Route r, ApiOperation api) {
        Map<Integer, ApiOperation.Reply> replies = new java.util.TreeMap<>(api.replies());
        if (!api.freeForm()) {
            implied(
                    replies,
                    400,
                    "a query parameter the route does not take (the message names it and those it takes)");
        }
        ApiOperation.Body body = api.body();
        if (body != null) {
            implied(replies, 408, "the body stalled, or arrived slower than the service's minimum rate");
        }
        if (body != null && body.mediaType().equals("application/json")) {
            implied(replies, 413, "the body is larger than " + SluiceServer.MAX_BODY_BYTES + " bytes");
            implied(replies, 415, "the body's charset is not UTF-8");
        }
        if (r.scope() != null) {
            implied(replies, 401, "no valid API key (missing, unknown or revoked)");
            if (!api.isAnyKey()) {
                implied(replies, 403, "the key lacks the scope this route needs");
            }
            implied(replies, 429, "the key is over its request rate; retry after Retry-After seconds");
            implied(replies, 500, "an unexpected failure (the server log has the details)");
            implied(replies, 503, "the index or catalog cannot be used now");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        replies.forEach((status, reply) -> {
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("description", reply.description());
            Map<String, Object> content = new LinkedHashMap<>();
            reply.content().forEach((mediaType, schema) -> content.put(mediaType, Map.of("schema", schema)));
            if (!content.isEmpty()) {
                response.put("content", content);
            }
            if (status == 429 || status == 503) {
                response.put(
                        "headers",
                        Map.of(
                                "Retry-After",
                                Map.of(
                                        "description",
                                        "seconds to wait before asking again (429; 503 when jobs are busy)",
                                        "schema",
                                        Map.of("type", "integer"))));
            }
            out.put(Integer.toString(status), response);
        });
        return out;
    }

    /** Adds an error answer a route has by its nature, or adds the reason to the one it declares. */
    private static void implied(Map<Integer, ApiOperation.Reply> replies, int status, String reason) {
        ApiOperation.Reply declared = replies.get(status);
        Map<String, Map<String, Object>> error = Map.of("application/json", ApiSchemas.ref(ApiSchemas.ERROR));
        replies.put(
                status,
                declared == null
                        ? new ApiOperation.Reply(reason, error)
                        : new ApiOperation.Reply(declared.description() + "; or " + reason, declared.content()));
    }

    /** The first segment of a path after {@code /v1}: what a generated client groups the operation under. */
    private static String tag(String path) {
        if (!path.startsWith("/v1/")) {
            return "service";
        }
        String rest = path.substring(4);
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    private static Object parse(String json) {
        try {
            return Http.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an operation's example body is not JSON: " + json, e);
        }
    }
}
