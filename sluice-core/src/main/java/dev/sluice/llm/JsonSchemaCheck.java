package dev.sluice.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The part of JSON Schema that structured outputs use: {@code type} (object, array, string, number,
 * integer, boolean, null, or a list of them), {@code properties}, {@code required},
 * {@code additionalProperties: false}, {@code items}, {@code enum}, {@code minItems}, {@code maxItems} and
 * {@code minLength}. Other keywords are ignored. A
 * full validator library would be heavier than the schemas we write; the provider's strict mode does
 * the rest where it has one.
 */
public final class JsonSchemaCheck {
    private JsonSchemaCheck() {}

    /** What is wrong with {@code value}, as paths and reasons; empty when it conforms. */
    public static List<String> errors(JsonNode schema, JsonNode value) {
        List<String> out = new ArrayList<>();
        check(schema, value, "$", out);
        return out;
    }

    private static void check(JsonNode schema, JsonNode value, String path, List<String> out) {
        JsonNode type = schema.get("type");
        if (type != null && !typeMatches(type, value)) {
            out.add(path + ": expected " + type + ", got " + kind(value));
            return;
        }
        JsonNode allowed = schema.get("enum");
        if (allowed != null && allowed.isArray()) {
            boolean found = false;
            for (JsonNode a : allowed) {
                found |= a.equals(value);
            }
            if (!found) {
                out.add(path + ": " + value + " is not one of " + allowed);
            }
        }
        if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            for (JsonNode name : schema.path("required")) {
                if (!value.has(name.asText())) {
                    out.add(path + ": missing required property \"" + name.asText() + "\"");
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = value.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode sub = properties.get(e.getKey());
                if (sub != null) {
                    check(sub, e.getValue(), path + "." + e.getKey(), out);
                } else if (schema.path("additionalProperties").isBoolean()
                        && !schema.path("additionalProperties").asBoolean()) {
                    out.add(path + ": property \"" + e.getKey() + "\" is not allowed");
                }
            }
        }
        if (value.isArray()
                && schema.has("minItems")
                && value.size() < schema.get("minItems").asInt()) {
            out.add(path + ": expected at least " + schema.get("minItems").asInt() + " items, got " + value.size());
        }
        if (value.isArray()
                && schema.has("maxItems")
                && value.size() > schema.get("maxItems").asInt()) {
            out.add(path + ": expected at most " + schema.get("maxItems").asInt() + " items, got " + value.size());
        }
        if (value.isTextual()
                && schema.has("minLength")
                && value.asText().strip().length() < schema.get("minLength").asInt()) {
            out.add(path + ": expected a text of at least "
                    + schema.get("minLength").asInt() + " characters");
        }
        if (value.isArray() && schema.has("items")) {
            int i = 0;
            for (JsonNode item : value) {
                check(schema.get("items"), item, path + "[" + i++ + "]", out);
            }
        }
    }

    private static boolean typeMatches(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(t, value)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "number" -> value.isNumber();
            case "integer" ->
                value.isIntegralNumber()
                        || value.isNumber()
                                && value.decimalValue().stripTrailingZeros().scale() <= 0;
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> true;
        };
    }

    private static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case OBJECT -> "object";
            case ARRAY -> "array";
            case STRING -> "string";
            case NUMBER -> value.isIntegralNumber() ? "integer" : "number";
            case BOOLEAN -> "boolean";
            case NULL -> "null";
            default -> value.getNodeType().toString();
        };
    }
}
