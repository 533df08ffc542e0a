package dev.sluice.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The served {@code /openapi.json} as a contract the tests hold real requests and answers to. Response
 * schemas are made strict here: every object schema that lists its properties refuses any other (as
 * if {@code "additionalProperties": false}), so a field a view adds without the document fails a test.
 * Schemas are JSON Schema 2020-12, checked by networknt's validator.
 */
final class ApiContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final JsonNode doc;
    private final ObjectNode strictComponents;
    private final Map<String, Schema> compiled = new HashMap<>();

    ApiContract(String document) throws Exception {
        this.doc = JSON.readTree(document);
        this.strictComponents = (ObjectNode) doc.get("components").deepCopy();
        strict(strictComponents.get("schemas"));
    }

    JsonNode document() {
        return doc;
    }

    /** The operation object of {@code method path} (a path as the document has it, {@code /v1/jobs/{id}}). */
    JsonNode operation(String method, String path) {
        JsonNode op = doc.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
        if (op.isMissingNode()) {
            throw new AssertionError("the document has no " + method + " " + path);
        }
        return op;
    }

    /** Every {@code "get /v1/search"} the document lists. */
    List<String> routes() {
        List<String> out = new ArrayList<>();
        doc.get("paths")
                .properties()
                .forEach(p -> p.getValue().properties().forEach(m -> out.add(m.getKey() + " " + p.getKey())));
        return out;
    }

    /**
     * What is wrong with an answer to {@code method path}: its status not documented, its media type not
     * documented for that status, or its body not valid against the documented schema; empty when
     * nothing.
     */
    List<String> problems(String method, String path, HttpResponse<String> response) {
        String status = Integer.toString(response.statusCode());
        JsonNode declared = operation(method, path).path("responses").path(status);
        if (declared.isMissingNode()) {
            return List.of(method + " " + path + " answered " + status + ", which the document does not list: "
                    + response.body());
        }
        String mediaType = response.headers()
                .firstValue("Content-Type")
                .orElse("")
                .split(";")[0]
                .strip();
        JsonNode content = declared.path("content");
        if (content.isMissingNode()) {
            return List.of();
        }
        JsonNode schema = content.path(mediaType).path("schema");
        if (schema.isMissingNode()) {
            return List.of(method + " " + path + " answered " + status + " as " + mediaType + "; the document has "
                    + names(content));
        }
        if (!mediaType.equals("application/json")) {
            return List.of();
        }
        return validate(schema, response.body()).stream()
                .map(e -> method + " " + path + " " + status + ": " + e)
                .toList();
    }

    static java.util.Set<String> names(JsonNode object) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        object.properties().forEach(e -> out.add(e.getKey()));
        return out;
    }

    /** What is wrong with {@code json} against {@code schema} (a {@code $ref} or inline), strictly. */
    List<String> validate(JsonNode schema, String json) {
        Schema s = compiled.computeIfAbsent(schema.toString(), key -> {
            ObjectNode root = JSON.createObjectNode();
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.putArray("allOf").add(strictCopy(schema));
            root.set("components", strictComponents);
            return SCHEMAS.getSchema(root.toString(), InputFormat.JSON);
        });
        return s.validate(json, InputFormat.JSON).stream()
                .map(com.networknt.schema.Error::toString)
                .toList();
    }

    /** What is wrong with {@code json} as the request body of a component schema. */
    List<String> validateComponent(String name, String json) {
        return validate(JSON.createObjectNode().put("$ref", "#/components/schemas/" + name), json);
    }

    private static JsonNode strictCopy(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        strictSchema(copy);
        return copy;
    }

    private static void strict(JsonNode schemas) {
        schemas.forEach(ApiContract::strictSchema);
    }

    /** Adds {@code "additionalProperties": false} to every object schema that lists properties, deeply. */
    private static void strictSchema(JsonNode node) {
        if (node instanceof ObjectNode o) {
            if (o.has("properties") && !o.has("additionalProperties")) {
                o.put("additionalProperties", false);
            }
            o.forEach(ApiContract::strictSchema);
        } else if (node.isArray()) {
            node.forEach(ApiContract::strictSchema);
        }
    }
}
