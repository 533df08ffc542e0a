package dev.sluice.testkit;

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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real OpenAI chat completions server on 127.0.0.1 that misbehaves on a script: each request takes
 * the next step; when the script is empty, a random failure at the rate {@link #failRandomly} sets,
 * else {@link #fallback}, answers. Ok steps answer plainly or as a stream, as the request asks. Serves
 * {@code /v1/chat/completions} and Azure's {@code /openai/deployments/{deployment}/chat/completions}.
 * Records every request (target, headers, body) and the usage it actually sent. For tests and {@code
 * sluice bench gateway}; never part of a pipeline.
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

    /**
     * A reply without text, cut at the token limit (finish reason {@code length}), as a reasoning model
     * gives when its reasoning takes every completion token.
     */
    public record EmptyAtLimit(long inputTokens, long outputTokens) implements Step {}

    /** A stream of these pieces, one every {@code delayMillis}, then usage and [DONE]. */
    public record SlowStream(List<String> pieces, long delayMillis, long inputTokens, long outputTokens)
            implements Step {}

    /**
     * A request as the server saw it.
     *
     * @param pathAndQuery the request target as sent, such as {@code /v1/chat/completions}
     * @param headers each header's first value, by lower-case name
     */
    public record Seen(
            String authorization, JsonNode body, long atNanos, String pathAndQuery, Map<String, String> headers) {
        public Seen {
            headers = Map.copyOf(headers);
        }

        /** The header's first value, name case ignored, or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

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
    private volatile java.util.function.Function<Seen, Step> responder;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final ScriptedBatches batches = new ScriptedBatches(this::batchReply);
    private final ScriptedEmbeddings embeddings = new ScriptedEmbeddings();
    private volatile double failureRate;
    private volatile java.util.Random failures;
    private static final List<Step> FAILURES =
            List.of(new Status(429, "0"), new Status(500, null), new Status(503, null), new Reset(), new Truncated());

    public ScriptedOpenAiServer() throws IOException {
        AtomicInteger n = new AtomicInteger();
        threads = Executors.newFixedThreadPool(48, r -> new Thread(r, "scripted-openai-" + n.incrementAndGet()));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/v1/chat/completions", this::handle);
        // Azure OpenAI's deployment URLs: /openai/deployments/{deployment}/chat/completions?api-version=...
        server.createContext("/openai/deployments/", this::handle);
        // OpenAI's batch protocol: upload a JSONL file, create a batch, poll it, download its output file.
        server.createContext("/v1/files", batches::files);
        server.createContext("/v1/batches", batches::batches);
        // The embeddings protocol: POST /v1/embeddings (scripted by embeddings()).
        server.createContext("/v1/embeddings", embeddings::handle);
        server.setExecutor(threads);
        server.start();
    }

    public String baseUrl() {
        return rootUrl() + "/v1";
    }

    /** The server without a path: the base URL of an Azure OpenAI resource. */
    public String rootUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public ScriptedOpenAiServer then(Step... steps) {
        script.addAll(List.of(steps));
        return this;
    }

    public void fallback(Step step) {
        this.fallback = step;
    }

    /**
     * From now on, requests the script does not cover are answered by {@code reply} from what was asked
     * (a reply that depends on the prompt or the model); it runs on the server's threads. Null: the fallback
     * again. Random failures ({@link #failRandomly}) still come first.
     */
    public void respond(java.util.function.Function<Seen, Step> reply) {
        this.responder = reply;
    }

    /** The {@code /v1/embeddings} endpoint: its script, requests and counts. */
    public ScriptedEmbeddings embeddings() {
        return embeddings;
    }

    /**
     * The batch API's state: batches stay {@code in_progress} until {@link ScriptedBatches#finish()},
     * which answers each of their requests as a chat request would be answered now.
     */
    public ScriptedBatches batches() {
        return batches;
    }

    /** What a request of a batch gets: the responder's or the fallback's reply, which must be an {@link Ok}. */
    private Ok batchReply(JsonNode body) {
        Seen request = new Seen(null, body, System.nanoTime(), "/v1/chat/completions", Map.of());
        java.util.function.Function<Seen, Step> reply = responder;
        Step step = reply != null ? reply.apply(request) : fallback;
        if (!(step instanceof Ok ok)) {
            throw new IllegalStateException("a batch request can only be answered with an Ok step, got " + step);
        }
        return ok;
    }

    /** A chat completion body, as the server sends it. */
    static ObjectNode completionBody(String model, String text, long in, long out) {
        return completion(model, text, "stop", in, out);
    }

    /** The most chat requests this server was handling at one time so far. */
    public int maxInFlight() {
        return maxInFlight.get();
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
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            answer(exchange);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.getFirst()));
            Seen request = new Seen(
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    body,
                    System.nanoTime(),
                    exchange.getRequestURI().toString(),
                    headers);
            seen.add(request);
            Step step = script.poll();
            if (step == null) {
                java.util.Random random = failures;
                java.util.function.Function<Seen, Step> reply = responder;
                step = random != null && random.nextDouble() < failureRate
                        ? FAILURES.get(random.nextInt(FAILURES.size()))
                        : reply != null ? reply.apply(request) : fallback;
            }
            boolean stream = body.path("stream").asBoolean(false);
            String model = body.path("model").asText();
            switch (step) {
                case Ok ok -> {
                    sleep(ok.delayMillis());
                    reply(exchange, stream, model, ok.text(), "stop", ok.inputTokens(), ok.outputTokens());
                }
                case EmptyAtLimit e -> reply(exchange, stream, model, "", "length", e.inputTokens(), e.outputTokens());
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
                    stream(exchange, model, s.pieces(), s.delayMillis(), "stop", s.inputTokens(), s.outputTokens());
            }
        }
    }

    private void reply(
            HttpExchange exchange, boolean stream, String model, String text, String finish, long in, long out)
            throws IOException {
        if (stream) {
            stream(exchange, model, text.isEmpty() ? List.of() : List.of(text), 0, finish, in, out);
        } else {
            send(exchange, 200, completion(model, text, finish, in, out).toString());
            sentInputTokens.addAndGet(in);
            sentOutputTokens.addAndGet(out);
        }
    }

    private void stream(
            HttpExchange exchange,
            String model,
            List<String> pieces,
            long delayMillis,
            String finish,
            long in,
            long out)
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
                .put("finish_reason", finish)
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

    private static ObjectNode completion(String model, String text, String finish, long in, long out) {
        ObjectNode root = JSON.createObjectNode()
                .put("id", "chatcmpl-1")
                .put("object", "chat.completion")
                .put("model", model);
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", text);
        choice.put("finish_reason", finish);
        root.putObject("usage")
                .put("prompt_tokens", in)
                .put("completion_tokens", out)
                .put("total_tokens", in + out);
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
