package dev.sluice.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * OpenAI's batch protocol as {@link ScriptedOpenAiServer} serves it: {@code POST /v1/files} (multipart,
 * {@code purpose=batch}, a JSONL file of requests), {@code POST /v1/batches}, {@code GET /v1/batches/{id}},
 * {@code GET /v1/files/{id}/content}. Batches stay {@code in_progress} until {@link #finish()}; then each
 * line is answered as the server would answer the chat request in it, and the output file holds one
 * line per request with its {@code custom_id}.
 */
public final class ScriptedBatches {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<JsonNode, ScriptedOpenAiServer.Ok> reply;
    private final Map<String, String> files = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> batches = new ConcurrentHashMap<>();
    private final List<String> uploads = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    ScriptedBatches(Function<JsonNode, ScriptedOpenAiServer.Ok> reply) {
        this.reply = reply;
    }

    /** The JSONL files uploaded so far, in order. */
    public List<String> uploads() {
        return List.copyOf(uploads);
    }

    /** Batches created so far. */
    public int created() {
        return batches.size();
    }

    /** Completes every batch in progress, answering each of its requests now. */
    public synchronized void finish() {
        for (ObjectNode batch : batches.values()) {
            if (!batch.path("status").asText().equals("in_progress")) {
                continue;
            }
            StringBuilder output = new StringBuilder();
            for (String line : files.get(batch.path("input_file_id").asText()).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode request = JSON.readTree(line);
                    JsonNode body = request.path("body");
                    ScriptedOpenAiServer.Ok ok = reply.apply(body);
                    ObjectNode result = JSON.createObjectNode()
                            .put("id", "batch_req_" + ids.incrementAndGet())
                            .put("custom_id", request.path("custom_id").asText());
                    result.putObject("response")
                            .put("status_code", 200)
                            .set(
                                    "body",
                                    ScriptedOpenAiServer.completionBody(
                                            body.path("model").asText(),
                                            ok.text(),
                                            ok.inputTokens(),
                                            ok.outputTokens()));
                    result.putNull("error");
                    output.append(result).append('\n');
                } catch (IOException e) {
                    throw new IllegalStateException("a batch line is not JSON: " + line, e);
                }
            }
            String outputId = "file-" + ids.incrementAndGet();
            files.put(outputId, output.toString());
            batch.put("status", "completed").put("output_file_id", outputId);
        }
    }

    /** Fails every batch in progress, as an expired batch. */
    public synchronized void expire() {
        batches.values().stream()
                .filter(b -> b.path("status").asText().equals("in_progress"))
                .forEach(b -> b.put("status", "expired"));
    }

    void files(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("POST") && path.equals("/v1/files")) {
                String type = exchange.getRequestHeaders().getFirst("Content-Type");
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Map<String, String> parts = multipart(type, body);
                if (!"batch".equals(parts.get("purpose")) || parts.get("file") == null) {
                    send(exchange, 400, "{\"error\":{\"message\":\"purpose batch and a file are required\"}}");
                    return;
                }
                String id = "file-" + ids.incrementAndGet();
                files.put(id, parts.get("file"));
                uploads.add(parts.get("file"));
                send(
                        exchange,
                        200,
                        JSON.createObjectNode()
                                .put("id", id)
                                .put("object", "file")
                                .put("purpose", "batch")
                                .toString());
            } else if (exchange.getRequestMethod().equals("GET") && path.endsWith("/content")) {
                String id = path.substring("/v1/files/".length(), path.length() - "/content".length());
                String content = files.get(id);
                if (content == null) {
                    send(exchange, 404, "{\"error\":{\"message\":\"no such file\"}}");
                } else {
                    send(exchange, 200, content);
                }
            } else {
                send(exchange, 404, "{\"error\":{\"message\":\"not served\"}}");
            }
        }
    }

    void batches(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("POST") && path.equals("/v1/batches")) {
                JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
                String input = body.path("input_file_id").asText();
                if (!files.containsKey(input) || !body.path("endpoint").asText().equals("/v1/chat/completions")) {
                    send(exchange, 400, "{\"error\":{\"message\":\"unknown input file or endpoint\"}}");
                    return;
                }
                String id = "batch_" + ids.incrementAndGet();
                ObjectNode batch = JSON.createObjectNode()
                        .put("id", id)
                        .put("object", "batch")
                        .put("input_file_id", input)
                        .put("status", "in_progress");
                batches.put(id, batch);
                send(exchange, 200, batch.toString());
            } else if (exchange.getRequestMethod().equals("GET") && path.startsWith("/v1/batches/")) {
                ObjectNode batch = batches.get(path.substring("/v1/batches/".length()));
                if (batch == null) {
                    send(exchange, 404, "{\"error\":{\"message\":\"no such batch\"}}");
                } else {
                    synchronized (this) {
                        send(exchange, 200, batch.toString());
                    }
                }
            } else {
                send(exchange, 404, "{\"error\":{\"message\":\"not served\"}}");
            }
        }
    }

    /** The parts of a multipart/form-data body by field name (a file part by its field name too). */
    private static Map<String, String> multipart(String contentType, String body) {
        Map<String, String> parts = new java.util.HashMap<>();
        int at = contentType == null ? -1 : contentType.indexOf("boundary=");
        if (at < 0) {
            return parts;
        }
        String boundary =
                "--" + contentType.substring(at + "boundary=".length()).replace("\"", "");
        for (String part : body.split(java.util.regex.Pattern.quote(boundary))) {
            int headersEnd = part.indexOf("\r\n\r\n");
            if (headersEnd < 0) {
                continue;
            }
            String headers = part.substring(0, headersEnd);
            java.util.regex.Matcher name =
                    java.util.regex.Pattern.compile("name=\"([^\"]*)\"").matcher(headers);
            if (!name.find()) {
                continue;
            }
            String content = part.substring(headersEnd + 4);
            if (content.endsWith("\r\n")) {
                content = content.substring(0, content.length() - 2);
            }
            parts.put(name.group(1), content);
        }
        return parts;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
