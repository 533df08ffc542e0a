package dev.sluice.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code POST /v1/embeddings} side of {@link ScriptedOpenAiServer}. A normal reply gives each input a
 * deterministic bag-of-words vector (each lower-cased word adds 1 at a position its hash picks), so texts
 * that share words are near: search over them behaves. Scripted steps make it misbehave: a status with
 * Retry-After, vectors of other dimensions, or another number of vectors than inputs.
 */
public final class ScriptedEmbeddings {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One reply. */
    public sealed interface Step {}

    /** The normal reply. */
    public record Vectors() implements Step {}

    /** An error status, with a Retry-After header when {@code retryAfter} is not null. */
    public record Status(int code, String retryAfter) implements Step {}

    /** Vectors of {@code dimensions} instead of the configured number. */
    public record WrongDimensions(int dimensions) implements Step {}

    /** One vector fewer than inputs. */
    public record WrongCount() implements Step {}

    private final ConcurrentLinkedQueue<Step> script = new ConcurrentLinkedQueue<>();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger texts = new AtomicInteger();
    private volatile int dimensions = 64;

    ScriptedEmbeddings() {}

    /** The vector size of normal replies (64 unless set), used when a request asks for none. */
    public ScriptedEmbeddings dimensions(int value) {
        this.dimensions = value;
        return this;
    }

    /** The next replies, in order; after them, normal replies. */
    public ScriptedEmbeddings then(Step... steps) {
        script.addAll(List.of(steps));
        return this;
    }

    /** Every request body received, in order. */
    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /** Texts embedded by normal replies so far. */
    public int textsEmbedded() {
        return texts.get();
    }

    /** The vector a normal reply gives {@code text} (not normalized). */
    public static float[] vector(String text, int dimensions) {
        float[] v = new float[dimensions];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                v[Math.floorMod(word.hashCode(), dimensions)] += 1;
            }
        }
        v[0] += 0.01f; // never all zero
        return v;
    }

    void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            requests.add(body);
            Step step = script.poll();
            if (step == null) {
                step = new Vectors();
            }
            JsonNode input = body.path("input");
            List<String> inputs = new java.util.ArrayList<>();
            if (input.isArray()) {
                input.forEach(n -> inputs.add(n.asText()));
            } else {
                inputs.add(input.asText());
            }
            int dims = body.has("dimensions") ? body.get("dimensions").asInt() : dimensions;
            switch (step) {
                case Status s -> {
                    if (s.retryAfter() != null) {
                        exchange.getResponseHeaders().add("Retry-After", s.retryAfter());
                    }
                    send(exchange, s.code(), "{\"error\":{\"message\":\"scripted " + s.code() + "\"}}");
                }
                case WrongDimensions w -> send(exchange, 200, reply(body, inputs, w.dimensions(), inputs.size()));
                case WrongCount c -> send(exchange, 200, reply(body, inputs, dims, inputs.size() - 1));
                case Vectors v -> {
                    texts.addAndGet(inputs.size());
                    send(exchange, 200, reply(body, inputs, dims, inputs.size()));
                }
            }
        }
    }

    private static String reply(JsonNode body, List<String> inputs, int dims, int count) {
        ObjectNode root = JSON.createObjectNode().put("object", "list");
        ArrayNode data = root.putArray("data");
        long tokens = 0;
        for (int i = 0; i < count; i++) {
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            ArrayNode values = item.putArray("embedding");
            for (float x : vector(inputs.get(i), dims)) {
                values.add(x);
            }
            tokens += inputs.get(i).split("\\s+").length;
        }
        root.put("model", body.path("model").asText());
        root.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        return root.toString();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
