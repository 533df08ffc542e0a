package dev.sluice.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
        String charset = ctx.req().getCharacterEncoding();
        if (charset != null
                && !unquoted(charset).equalsIgnoreCase("utf-8")
                && !unquoted(charset).equalsIgnoreCase("utf8")) {
            throw new ApiError(
                    415,
                    "unsupported_media_type",
                    "charset '" + printable(charset) + "' is not supported for JSON; send UTF-8"
                            + " (Content-Type: application/json; charset=utf-8)");
        }
        byte[] bytes = ctx.bodyAsBytes(); // a body that breaks off or stalls fails here (ErrorResponses)
        JsonNode body;
        try {
            body = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading JSON from memory cannot fail on I/O", e);
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

    /**
     * A whole number from {@code min} to {@code max} (both >= 0), written in ASCII digits only ({@link
     * AsciiDigits}); a parameter's value ({@link ApiParam#integer}).
     */
    static int wholeNumber(String name, String value, int min, int max) {
        java.util.OptionalLong n = AsciiDigits.parse(value);
        if (n.isEmpty()) {
            throw ApiError.badRequest(name + " must be a whole number from " + min + " to " + max
                    + " written in digits 0-9, got '" + printable(value) + "'");
        }
        if (n.getAsLong() < min || n.getAsLong() > max) {
            throw ApiError.badRequest(name + " must be from " + min + " to " + max + ", got " + n.getAsLong());
        }
        return (int) n.getAsLong();
    }

    /** A value a client sent, cut to 80 characters and with control characters shown as '?', for a message. */
    static String printable(String value) {
        String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }

    /**
     * Refuses, before any route reads them, a body in a charset the JVM does not know (415: it could not
     * be decoded) and a query string that is not UTF-8 once percent-decoded (400: its parameters would
     * be read with U+FFFD in place of what the client meant).
     */
    static void checkEncodings(Context ctx) {
        String charset = ctx.req().getCharacterEncoding();
        if (charset != null) {
            boolean known;
            try {
                known = Charset.isSupported(unquoted(charset));
            } catch (IllegalArgumentException illegalName) {
                known = false;
            }
            if (!known) {
                throw new ApiError(
                        415,
                        "unsupported_media_type",
                        "charset '" + printable(charset) + "' is not supported; send UTF-8 (charset=utf-8)");
            }
        }
        String query = ctx.queryString();
        if (query != null && query.indexOf('%') >= 0 && !percentDecodesToUtf8(query)) {
            throw ApiError.badRequest(
                    "the query string is not valid UTF-8 once percent-decoded: '" + printable(query) + "'");
        }
    }

    private static String unquoted(String charset) {
        String c = charset.strip();
        return c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"") ? c.substring(1, c.length() - 1) : c;
    }

    private static boolean percentDecodesToUtf8(String query) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(query.length());
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            int high = i + 2 < query.length() ? Character.digit(query.charAt(i + 1), 16) : -1;
            int low = i + 2 < query.length() ? Character.digit(query.charAt(i + 2), 16) : -1;
            if (c == '%' && high >= 0 && low >= 0 && query.charAt(i + 1) < 128 && query.charAt(i + 2) < 128) {
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * Reads what is left of a request body a handler did not need (a refused request, a sync with a
     * body), up to the body cap, so that the connection stays usable: a server that answers and then
     * closes a connection with unread content races the client's next request on it.
     */
    static void drainBody(Context ctx) {
        if (ctx.statusCode() == 408 || ctx.statusCode() == 499) {
            return; // the body stalled, trickled or was cut off by the client: waiting for the rest would wait again
        }
        try {
            java.io.InputStream in = ctx.req().getInputStream();
            byte[] buffer = new byte[8192];
            long left = SluiceServer.MAX_BODY_BYTES;
            for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0; ) {
                left -= n;
            }
        } catch (java.io.IOException | RuntimeException e) {
            // the body was read already, is too large, too slow, or the client went away: nothing to keep alive
        }
    }
}
