package dev.sluice.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reading JSON requests and writing JSON responses, with precise 400s for what a client got wrong. */
final class Http {
    private static final Logger LOG = LoggerFactory.getLogger(Http.class);
    static final ObjectMapper JSON = new ObjectMapper();

    private Http() {}

    static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(write(body));
    }

    static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a response of maps and records always serializes", e);
        }
    }

    static void error(Context ctx, int status, String code, String message) {
        // The access line has the status; this says why, for an operator at --log-level debug.
        LOG.debug("{} {} answered {} {}: {}", ctx.req().getMethod(), ctx.path(), status, code, message);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        json(ctx, status, body);
    }

    /** The body as a JSON object whose keys are all among {@code known}. */
    static JsonNode object(Context ctx, Set<String> known, String example) {
        JsonNode body;
        try {
            body = JSON.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw ApiError.badRequest("the body must be a JSON object such as " + example);
        }
        for (var field : body.properties()) {
            if (!known.contains(field.getKey())) {
                throw ApiError.badRequest("unknown field '" + field.getKey() + "'; known: "
                        + String.join(", ", new java.util.TreeSet<>(known)));
            }
        }
        return body;
    }

    /** A required non-blank string field of at most {@code maxChars} characters. */
    static String text(JsonNode body, String field, int maxChars) {
        String value = optionalText(body, field, maxChars);
        if (value == null || value.isBlank()) {
            throw ApiError.badRequest(field + " must be a non-empty string");
        }
        return value;
    }

    /** An optional string field of at most {@code maxChars} characters, or null. */
    static String optionalText(JsonNode body, String field, int maxChars) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiError.badRequest(field + " must be a string, got "
                    + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (node.asText().length() > maxChars) {
            throw ApiError.badRequest(field + " is longer than " + maxChars + " characters");
        }
        return node.asText();
    }

    /** An optional whole-number query parameter from {@code min} to {@code max}. */
    static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String value = ctx.queryParam(name);
        if (value == null) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(name + " must be a whole number, got '" + value + "'");
        }
        if (n < min || n > max) {
            throw ApiError.badRequest(name + " must be from " + min + " to " + max + ", got " + n);
        }
        return n;
    }
}
