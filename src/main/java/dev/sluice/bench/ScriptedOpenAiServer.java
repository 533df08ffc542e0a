package dev.sluice.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real OpenAI chat completions server on 127.0.0.1 that misbehaves on a script: each request takes
 * the next step; when the script is empty, a random failure at the rate {@link #failRandomly} sets,
 * else {@link #fallback}, answers. Ok steps answer plainly or as a stream, as the request asks.
 * Records every request and the usage it actually sent. For tests and {@code sluice bench gateway};
 * never part of a pipeline.
 */
public final class ScriptedOpenAiServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    public sealed interface Step {}

    /** A reply with this text and usage, after {@code delayMillis}. */
    public record Ok(String text, long inputTokens, long outputTokens, long delayMillis) implements Step {}

    /** An error status, with a Retry-After header when {@code retryAfter} is not null. */
    public record Status(int code, String retryAfter) implements Step {}

    /** Closes the connection without a response. */
    public record Reset() implements Step {}

    /** Answers nothing for {@code millis}, then closes the connection. */
    public record Hang(long millis) implements Step {}

    /** A 200 whose JSON body is cut in the middle. */
    public record Truncated() implements Step {}

    /** A stream of these pieces, one every {@code delayMillis}, then usage and [DONE]. */
    public record SlowStream(List<String> pieces, long delayMillis, long inputTokens, long outputTokens)
            implements Step {}

    /** A request as the server saw it. */
    public record Seen(String authorization, JsonNode body, long atNanos) {
        public String lastUserMessage() {
            JsonNode messages = body.path("messages");
            return messages.path(messages.size() - 1).path("content").asText();
        }
    }

    public static Step ok(String text, long in, long out) {
        return new Ok(text, in, out, 0);
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final ConcurrentLinkedQueue<Step> script = new ConcurrentLinkedQueue<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicLong sentInputTokens = new AtomicLong();
    private final AtomicLong sentOutputTokens = new AtomicLong();
    private volatile Step fallback = ok("fine", 10, 2);
    private volatile double failureRate;
    private volatile java.util.Random failures;
    private static final List<Step> FAILURES =
            List.of(new Status(429, "0"), new Status(500, null), new Status(503, null), new Reset(), new Truncated());

    public ScriptedOpenAiServer() throws IOException {
        AtomicInteger n = new AtomicInteger();
        threads = Executors.newFixedThreadPool(48, r -> new Thread(r, "scripted-openai-" + n.incrementAndGet()));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/v1/chat/completions", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public ScriptedOpenAiServer then(Step... steps) {
        script.addAll(List.of(steps));
        return this;
    }

    public void fallback(Step step) {
        this.fallback = step;
    }

    /**
     * From now on, requests the script does not cover fail with probability {@code rate}, each in one
     * of five ways (429, 500, 503, reset, truncated JSON), drawn from a generator seeded with {@code seed}.
     */
    public void failRandomly(double rate, long seed) {
        this.failures = new java.util.Random(seed);
        this.failureRate = rate;
    }

    public List<Seen> requests() {
        return List.copyOf(seen);
    }

    public long sentInputTokens() {
        return sentInputTokens.get();
    }

    public long sentOutputTokens() {
        return sentOutputTokens.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            seen.add(new Seen(exchange.getRequestHeaders().getFirst("Authorization"), body, System.nanoTime()));
            Step step = script.poll();
            if (step == null) {
                java.util.Random random = failures;
                step = random != null && random.nextDouble() < failureRate
                        ? FAILURES.get(random.nextInt(FAILURES.size()))
                        : fallback;
            }
            boolean stream = body.path("stream").asBoolean(false);
            String model = body.path("model").asText();
            switch (step) {
                case Ok ok -> {
                    sleep(ok.delayMillis());
                    if (stream) {
                        stream(exchange, model, List.of(ok.text()), 0, ok.inputTokens(), ok.outputTokens());
                    } else {
                        send(exchange, 200, completion(model, ok).toString());
                        sentInputTokens.addAndGet(ok.inputTokens());
                        sentOutputTokens.addAndGet(ok.outputTokens());
                    }
                }
                case Status s -> {
                    if (s.retryAfter() != null) {
                        exchange.getResponseHeaders().add("Retry-After", s.retryAfter());
                    }
                    send(exchange, s.code(), "{\"error\":{\"message\":\"scripted " + s.code() + "\"}}");
                }
                case Reset r -> {
                    // Closing the exchange before any header closes the connection: the client sees a reset.
                }
                case Hang h -> sleep(h.millis());
                case Truncated t -> send(exchange, 200, "{\"id\":\"chatcmpl-1\",\"choices\":[{\"message\":{\"con");
                case SlowStream s ->
                    stream(exchange, model, s.pieces(), s.delayMillis(), s.inputTokens(), s.outputTokens());
            }
        }
    }

    private void stream(HttpExchange exchange, String model, List<String> pieces, long delayMillis, long in, long out)
            throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream os = exchange.getResponseBody();
        for (String piece : pieces) {
            ObjectNode chunk = chunk(model);
            chunk.putArray("choices")
                    .addObject()
                    .put("index", 0)
                    .putObject("delta")
                    .put("content", piece);
            event(os, chunk.toString());
            sleep(delayMillis);
        }
        ObjectNode last = chunk(model);
        last.putArray("choices")
                .addObject()
                .put("index", 0)
                .put("finish_reason", "stop")
                .putObject("delta");
        event(os, last.toString());
        ObjectNode usage = chunk(model);
        usage.putArray("choices");
        usage.putObject("usage")
                .put("prompt_tokens", in)
                .put("completion_tokens", out)
                .put("total_tokens", in + out);
        event(os, usage.toString());
        event(os, "[DONE]");
        sentInputTokens.addAndGet(in);
        sentOutputTokens.addAndGet(out);
    }

    private static ObjectNode chunk(String model) {
        return JSON.createObjectNode()
                .put("id", "chatcmpl-1")
                .put("object", "chat.completion.chunk")
                .put("model", model);
    }

    private static void event(OutputStream os, String data) throws IOException {
        os.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        os.flush();
    }

    private static ObjectNode completion(String model, Ok ok) {
        ObjectNode root = JSON.createObjectNode()
                .put("id", "chatcmpl-1")
                .put("object", "chat.completion")
                .put("model", model);
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", ok.text());
        choice.put("finish_reason", "stop");
        root.putObject("usage")
                .put("prompt_tokens", ok.inputTokens())
                .put("completion_tokens", ok.outputTokens())
                .put("total_tokens", ok.inputTokens() + ok.outputTokens());
        return root;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
