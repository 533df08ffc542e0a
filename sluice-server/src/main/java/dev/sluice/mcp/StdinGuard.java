package dev.sluice.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Standard input of {@code sluice mcp}, one JSON-RPC message a line, checked before the SDK reads it.
 * The SDK's stdio transport ends the whole session on a line it cannot parse (or one over its size
 * limit); here such a line is answered with a JSON-RPC error ({@code -32700} parse error, {@code
 * -32600} invalid request, the request's id when it has a readable one) and dropped, and the session
 * goes on. Writes to standard output synchronize on the stream, as the SDK's own writer does, so an
 * error never lands inside another message. {@link #check} is the same check for HTTP bodies.
 *
 * <p>When input ends, the end reaches the SDK (which then closes the session) only once every request
 * forwarded to it has been answered on {@link #out()}, or after {@link #DRAIN_MILLIS}: a client that
 * writes its requests and closes its end still gets each answer.
 */
public final class StdinGuard extends InputStream {
    /** Longest line read, in bytes; longer ones are answered with an error and skipped. */
    public static final int MAX_LINE_CHARS = 1024 * 1024;

    /** How long the end of input waits for the answers of requests in flight. */
    static final long DRAIN_MILLIS = 120_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InputStream in;
    private final AnsweredIds out;
    private final List<String> forwarded = new ArrayList<>();
    private final int maxLineBytes;
    private final long drainMillis;
    private final CountDownLatch ended = new CountDownLatch(1);
    private byte[] line = new byte[0];
    private int position;

    StdinGuard(InputStream in, OutputStream out, int maxLineBytes) {
        this(in, out, maxLineBytes, DRAIN_MILLIS);
    }

    StdinGuard(InputStream in, OutputStream out, int maxLineBytes, long drainMillis) {
        this.in = in;
        this.out = new AnsweredIds(out);
        this.maxLineBytes = maxLineBytes;
        this.drainMillis = drainMillis;
    }

    /** Standard output as the SDK must write it: through here, so answers are seen (see the class note). */
    public OutputStream out() {
        return out;
    }

    /** Waits until standard input has ended (the client closed it or went away). */
    public void awaitEnd() throws InterruptedException {
        ended.await();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0; // as InputStream promises: no read, so no wait for the end of input
        }
        while (position >= line.length) {
            if (!nextGoodLine()) {
                drain();
                ended.countDown();
                return -1;
            }
        }
        int n = Math.min(length, line.length - position);
        System.arraycopy(line, position, buffer, offset, n);
        position += n;
        return n;
    }

    /** Reads lines until one is a JSON-RPC message (kept, with its newline) or input ends (false). */
    private boolean nextGoodLine() throws IOException {
        while (true) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            boolean tooLong = false;
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                if (bytes.size() < maxLineBytes) {
                    bytes.write(b);
                } else {
                    tooLong = true; // read on to the end of the line, keeping none of it
                }
            }
            if (b == -1 && bytes.size() == 0 && !tooLong) {
                return false;
            }
            String text = bytes.toString(StandardCharsets.UTF_8).strip();
            String problem = tooLong
                    ? error(
                            null,
                            McpSchema.ErrorCodes.INVALID_REQUEST,
                            "the message is longer than " + maxLineBytes + " bytes; send smaller requests")
                    : text.isEmpty() ? null : check(text);
            if (problem != null) {
                answer(problem);
            } else if (!text.isEmpty()) {
                JsonNode request = JSON.readTree(text); // check() parsed it already: one JSON-RPC object
                if (request.has("method") && request.hasNonNull("id")) {
                    forwarded.add(AnsweredIds.key(request.get("id")));
                }
                line = (text + "\n").getBytes(StandardCharsets.UTF_8);
                position = 0;
                return true;
            }
            if (b == -1) {
                return false;
            }
        }
    }

    /** Waits for the answers of the requests forwarded so far (bounded by {@link #DRAIN_MILLIS}). */
    private void drain() throws IOException {
        try {
            out.awaitAnswered(forwarded, drainMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while answering the last requests");
        }
    }

    private void answer(String json) {
        synchronized (out) {
            try {
                out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write to standard output", e);
            }
        }
    }

    /**
     * Null when {@code text} is one JSON-RPC 2.0 message the SDK can read; else the JSON-RPC error
     * response to send back.
     */
    public static String check(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return error(
                    null,
                    McpSchema.ErrorCodes.PARSE_ERROR,
                    "parse error: not JSON (" + ToolInput.printable(e.getOriginalMessage(), 160) + ")");
        }
        if (node == null || node.isArray()) {
            return error(
                    null,
                    McpSchema.ErrorCodes.INVALID_REQUEST,
                    "send one JSON-RPC message (an object) at a time; batches are not supported");
        }
        if (!node.isObject()) {
            return error(null, McpSchema.ErrorCodes.INVALID_REQUEST, "a JSON-RPC message is an object, got " + text);
        }
        JsonNode id = node.get("id");
        JsonNode validId = id != null && (id.isTextual() || id.isIntegralNumber()) ? id : null;
        if (id != null && validId == null) {
            return error(null, McpSchema.ErrorCodes.INVALID_REQUEST, "id must be a string or a whole number");
        }
        if (!"2.0".equals(node.path("jsonrpc").asText(null))) {
            return error(validId, McpSchema.ErrorCodes.INVALID_REQUEST, "jsonrpc must be \"2.0\"");
        }
        JsonNode method = node.get("method");
        if (method != null) {
            if (!method.isTextual() || method.asText().isBlank()) {
                return error(validId, McpSchema.ErrorCodes.INVALID_REQUEST, "method must be a non-empty string");
            }
            JsonNode params = node.get("params");
            if (params != null && !params.isObject() && !params.isNull()) {
                return error(validId, McpSchema.ErrorCodes.INVALID_PARAMS, "params must be an object");
            }
            String shape = paramsProblem(method.asText(), params);
            if (shape != null) {
                return error(validId, McpSchema.ErrorCodes.INVALID_PARAMS, shape);
            }
        } else if (validId == null || !node.has("result") && !node.has("error")) {
            return error(
                    validId,
                    McpSchema.ErrorCodes.INVALID_REQUEST,
                    "a message needs a method (a request or notification), or an id with a result or error"
                            + " (a response)");
        }
        try {
            McpSchema.deserializeJsonRpcMessage(SluiceMcp.JSON, text);
        } catch (IOException | RuntimeException e) {
            return error(validId, McpSchema.ErrorCodes.INVALID_REQUEST, "not a JSON-RPC message the server can read");
        }
        return null;
    }

    /**
     * What is wrong with the params of the methods whose params the SDK reads into records, or null:
     * it would answer a misfit with an internal error (HTTP 500), where the caller's mistake deserves
     * its name.
     */
    private static String paramsProblem(String method, JsonNode params) {
        JsonNode p = params == null ? JSON.missingNode() : params;
        return switch (method) {
            case McpSchema.METHOD_TOOLS_CALL ->
                !p.path("name").isTextual()
                        ? "tools/call needs params.name, the tool's name as a string"
                        : p.has("arguments")
                                        && !p.get("arguments").isObject()
                                        && !p.get("arguments").isNull()
                                ? "tools/call params.arguments must be an object of argument names to values"
                                : null;
            case McpSchema.METHOD_RESOURCES_READ ->
                p.path("uri").isTextual() ? null : "resources/read needs params.uri, a string";
            default -> null;
        };
    }

    static String error(JsonNode id, int code, String message) {
        ObjectNode response = JSON.createObjectNode();
        response.put("jsonrpc", "2.0");
        response.set("id", id);
        ObjectNode error = response.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return response.toString();
    }
}
