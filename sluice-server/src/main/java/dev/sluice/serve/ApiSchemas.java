package dev.sluice.serve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON Schemas (2020-12, as OpenAPI 3.1 has them) of {@code /openapi.json}'s components: a few
 * builders, and every request and response shape by name ({@link ApiShapes} writes them). A property
 * whose name ends in {@code ?} is one a response carries only sometimes (for some keys, some states);
 * every other property is always there, {@code null} where its type says so.
 */
final class ApiSchemas {
    /** The error object every refusal carries. */
    static final String ERROR = "Error";

    private static final Map<String, Map<String, Object>> ALL = ApiShapes.all();

    private ApiSchemas() {}

    /** Every component schema, by name, in the order written. */
    static Map<String, Map<String, Object>> all() {
        return ALL;
    }

    /** {@code {"$ref": "#/components/schemas/NAME"}} (the OpenAPI parser of the tests resolves every one). */
    static Map<String, Object> ref(String name) {
        return Map.of("$ref", "#/components/schemas/" + name);
    }

    /** The property names of a component object schema: the fields a request body may have. */
    @SuppressWarnings("unchecked")
    static Set<String> properties(String name) {
        Map<String, Object> schema = ALL.get(name);
        if (schema == null || !(schema.get("properties") instanceof Map<?, ?> props)) {
            throw new IllegalArgumentException("no object schema '" + name + "'");
        }
        return new LinkedHashSet<>(((Map<String, Object>) props).keySet());
    }

    static Map<String, Object> string() {
        return Map.of("type", "string");
    }

    static Map<String, Object> string(String description) {
        return Map.of("type", "string", "description", description);
    }

    /** A string that is one of {@code values}. */
    static Map<String, Object> oneOf(List<String> values) {
        return Map.of("type", "string", "enum", List.copyOf(values));
    }

    static Map<String, Object> integer() {
        return Map.of("type", "integer");
    }

    static Map<String, Object> number() {
        return Map.of("type", "number");
    }

    static Map<String, Object> bool() {
        return Map.of("type", "boolean");
    }

    /** An ISO-8601 instant ({@code 2026-05-01T10:00:00Z}). */
    static Map<String, Object> instant() {
        return Map.of("type", "string", "format", "date-time");
    }

    static Map<String, Object> array(Map<String, Object> items) {
        return Map.of("type", "array", "items", items);
    }

    /** An object whose keys are free and whose values follow {@code values}. */
    static Map<String, Object> mapOf(Map<String, Object> values) {
        return Map.of("type", "object", "additionalProperties", values);
    }

    /** An object of any shape (evidence, span attributes): its keys vary with what it describes. */
    static Map<String, Object> freeObject(String description) {
        return Map.of("type", "object", "additionalProperties", true, "description", description);
    }

    /** The schema, or null: {@code "type": ["string", "null"]}, or {@code anyOf} with null for a reference. */
    static Map<String, Object> nullable(Map<String, Object> schema) {
        Map<String, Object> out = new LinkedHashMap<>(schema);
        Object type = schema.get("type");
        if (type instanceof String t) {
            out.put("type", List.of(t, "null"));
            if (schema.get("enum") instanceof List<?> values) {
                List<Object> withNull = new ArrayList<>(values);
                withNull.add(null);
                out.put("enum", withNull);
            }
            return out;
        }
        return Map.of("anyOf", List.of(schema, Map.of("type", "null")));
    }

    /** The schema with a description. */
    static Map<String, Object> described(Map<String, Object> schema, String description) {
        Map<String, Object> out = new LinkedHashMap<>(schema);
        out.put("description", description);
        return out;
    }

    /**
     * An object of {@code name, schema} pairs; a name ending in {@code ?} is optional, every other one
     * required.
     */
    static Map<String, Object> object(String description, Object... pairs) {
        return object(description, List.of(), pairs);
    }

    /** As {@link #object(String, Object...)}, with the properties of {@code base} first. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String description, List<Map<String, Object>> bases, Object... pairs) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (Map<String, Object> base : bases) {
            properties.putAll((Map<String, Object>) base.get("properties"));
            required.addAll((List<String>) base.get("required"));
        }
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("name and schema pairs expected: " + Arrays.toString(pairs));
        }
        for (int i = 0; i < pairs.length; i += 2) {
            String name = (String) pairs[i];
            boolean optional = name.endsWith("?");
            String plain = optional ? name.substring(0, name.length() - 1) : name;
            properties.put(plain, pairs[i + 1]);
            required.remove(plain);
            if (!optional) {
                required.add(plain);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "object");
        if (description != null) {
            out.put("description", description);
        }
        out.put("properties", properties);
        out.put("required", required);
        return out;
    }
}
