package dev.sluice.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.Backoff;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One attempt at {@code POST {baseUrl}/chat/completions} (or an Azure deployment's URL), plain or
 * streamed, and nothing more: no retries, no limits (the gateway owns those). Every failure comes back as
 * a {@link ProtocolFailure} with the HTTP status and Retry-After, marked retryable or not. Thread-safe.
 */
final class OpenAiProtocolClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A model's reply as the protocol reports it; {@code usageReported} is false when the server gave none. */
    record Completion(
            String text,
            String model,
            String finishReason,
            long inputTokens,
            long outputTokens,
            boolean usageReported) {
        static Completion of(String text, String model, String finishReason, JsonNode usage) {
            boolean reported = usage != null && usage.has("prompt_tokens");
            return new Completion(
                    text,
                    model,
                    finishReason,
                    reported ? usage.path("prompt_tokens").asLong() : 0,
                    reported ? usage.path("completion_tokens").asLong() : 0,
                    reported);
        }
    }

    /** The response body: the raw text of a plain reply or an error, or the stream's assembler. */
    private record Body(String text, SseAssembler stream) {}

    private final LlmSettings settings;
    private final HttpClient client;

    OpenAiProtocolClient(LlmSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade dance with local servers
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofMillis(settings.timeoutMillis()))
                .build();
    }

    /**
     * Sends one request to {@code endpoint} (from {@link LlmSettings#chatCompletionsUri}) and waits at most
     * {@code timeoutMillis} for the whole reply.
     *
     * @param apiKey sent as a Bearer token (Azure: in the api-key header); null for servers without keys
     * @param onDelta null for a plain request; otherwise the request streams and each delta goes here
     */
    Completion complete(
            URI endpoint,
            String model,
            ChatRequest request,
            int maxTokens,
            String apiKey,
            long timeoutMillis,
            Consumer<String> onDelta)
            throws ProtocolFailure.Thrown, InterruptedException {
        HttpRequest.Builder http = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofMillis(timeoutMillis))
                .header("Content-Type", "application/json")
                .header("Accept", onDelta == null ? "application/json" : "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(
                        body(model, request, maxTokens, settings.tokenParameter(), onDelta != null),
                        StandardCharsets.UTF_8));
        if (apiKey != null) {
            if (settings.provider() == LlmSettings.Provider.AZURE) {
                http.header("api-key", apiKey);
            } else {
                http.header("Authorization", "Bearer " + apiKey);
            }
        }
        SseAssembler sse = onDelta == null ? null : new SseAssembler(onDelta);
        CompletableFuture<HttpResponse<Body>> future = client.sendAsync(
                http.build(),
                info -> info.statusCode() == 200 && sse != null
                        ? HttpResponse.BodySubscribers.fromLineSubscriber(
                                sse, s -> new Body(null, s), StandardCharsets.UTF_8, "\n")
                        : HttpResponse.BodySubscribers.mapping(
                                HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8), s -> new Body(s, null)));
        HttpResponse<Body> response;
        try {
            response = future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ProtocolFailure(
                            "no complete reply within " + timeoutMillis + " ms (llm.timeoutSeconds)",
                            0,
                            0,
                            true,
                            sse != null && sse.deltasSent())
                    .thrown();
        } catch (ExecutionException e) {
            throw failure(endpoint, e.getCause(), timeoutMillis, sse).thrown();
        }
        int status = response.statusCode();
        if (status != 200) {
            boolean retryable = status == 429 || status >= 500;
            String text = response.body().text() == null ? "" : response.body().text();
            throw new ProtocolFailure(
                            "HTTP " + status + " from " + endpoint + ": " + SseAssembler.abbreviate(text.strip()),
                            status,
                            retryAfterMillis(response),
                            retryable,
                            false)
                    .thrown();
        }
        return sse != null ? sse.completion() : plain(response.body().text());
    }

    /** An embeddings reply: one vector per input, in input order; {@code usageReported} false when the server gave none. */
    record Embeddings(java.util.List<float[]> vectors, long inputTokens, boolean usageReported) {}

    /**
     * One attempt at {@code POST {endpoint}} of the embeddings protocol. A reply with another number of
     * vectors than inputs, or vectors not of {@code expectDimensions} (0: any, but all alike), is a
     * failure that is not retried: the server is misconfigured, not busy.
     *
     * @param requestDimensions sent as {@code dimensions} when > 0 (OpenAI's text-embedding-3 shortens to it)
     */
    Embeddings embed(
            URI endpoint,
            String model,
            java.util.List<String> inputs,
            int requestDimensions,
            int expectDimensions,
            String apiKey,
            long timeoutMillis)
            throws ProtocolFailure.Thrown, InterruptedException {
        ObjectNode root = JSON.createObjectNode().put("model", model);
        ArrayNode input = root.putArray("input");
        inputs.forEach(input::add);
        root.put("encoding_format", "float");
        if (requestDimensions > 0) {
            root.put("dimensions", requestDimensions);
        }
        HttpRequest.Builder http = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofMillis(timeoutMillis))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(root.toString(), StandardCharsets.UTF_8));
        if (apiKey != null) {
            http.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<String> response;
        try {
            response = client.sendAsync(http.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                    .get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ProtocolFailure(
                            "no reply from " + endpoint + " within " + timeoutMillis + " ms", 0, 0, true, false)
                    .thrown();
        } catch (ExecutionException e) {
            throw failure(endpoint, e.getCause(), timeoutMillis, null).thrown();
        }
        int status = response.statusCode();
        if (status != 200) {
            throw new ProtocolFailure(
                            "HTTP " + status + " from " + endpoint + ": "
                                    + SseAssembler.abbreviate(response.body().strip()),
                            status,
                            retryAfterMillis(response),
                            status == 429 || status >= 500,
                            false)
                    .thrown();
        }
        return embeddings(endpoint, response.body(), inputs.size(), expectDimensions);
    }

    private static Embeddings embeddings(URI endpoint, String text, int count, int expectDimensions)
            throws ProtocolFailure.Thrown {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw ProtocolFailure.transientFailure(
                            "unreadable reply (truncated JSON?): " + SseAssembler.abbreviate(text))
                    .thrown();
        }
        JsonNode data = root == null ? null : root.get("data");
        if (data == null || !data.isArray()) {
            throw ProtocolFailure.transientFailure("reply without data[]: " + SseAssembler.abbreviate(text))
                    .thrown();
        }
        if (data.size() != count) {
            throw permanent(endpoint + " gave " + data.size() + " vectors for " + count + " inputs");
        }
        float[][] vectors = new float[count][];
        int dimensions = expectDimensions;
        for (int i = 0; i < count; i++) {
            JsonNode item = data.get(i);
            int index = item.path("index").asInt(i);
            JsonNode values = item.get("embedding");
            if (index < 0 || index >= count || vectors[index] != null || values == null || !values.isArray()) {
                throw permanent(endpoint + " gave a reply whose data[" + i + "] has no embedding or a bad index");
            }
            if (dimensions == 0) {
                dimensions = values.size();
            }
            if (values.size() != dimensions) {
                throw permanent(String.format(
                        java.util.Locale.ROOT,
                        "%s gave %d-dimension vectors, expected %d (embedding.model.dimensions, or the index's"
                                + " dimensions): the endpoint serves another model than the one the index was built with",
                        endpoint,
                        values.size(),
                        dimensions));
            }
            float[] v = new float[dimensions];
            for (int d = 0; d < dimensions; d++) {
                v[d] = (float) values.get(d).asDouble();
            }
            vectors[index] = v;
        }
        JsonNode usage = root.get("usage");
        boolean reported = usage != null && usage.has("prompt_tokens");
        return new Embeddings(
                java.util.List.of(vectors),
                reported ? usage.path("prompt_tokens").asLong() : 0,
                reported);
    }

    private static ProtocolFailure.Thrown permanent(String message) {
        return new ProtocolFailure(message, 0, 0, false, false).thrown();
    }

    private static Completion plain(String text) throws ProtocolFailure.Thrown {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw ProtocolFailure.transientFailure(
                            "unreadable reply (truncated JSON?): " + SseAssembler.abbreviate(text))
                    .thrown();
        }
        JsonNode message = root == null ? null : root.path("choices").path(0).path("message");
        if (message == null || !message.has("content")) {
            throw ProtocolFailure.transientFailure(
                            "reply without choices[0].message.content: " + SseAssembler.abbreviate(text))
                    .thrown();
        }
        JsonNode choice = root.path("choices").path(0);
        return Completion.of(
                message.path("content").asText(""),
                root.path("model").asText(null),
                choice.hasNonNull("finish_reason") ? choice.get("finish_reason").asText() : null,
                root.get("usage"));
    }

    /**
     * The request's JSON. The token limit goes in the field {@code tokens} names for this model; a
     * reasoning model gets no temperature, as it refuses any but its default.
     */
    static String body(String model, ChatRequest request, int maxTokens, TokenParameter tokens, boolean stream) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", model);
        ArrayNode messages = root.putArray("messages");
        for (ChatMessage m : request.messages()) {
            messages.addObject().put("role", m.role()).put("content", m.content());
        }
        if (request.temperature() != null && !TokenParameter.reasoningModel(model)) {
            root.put("temperature", request.temperature());
        }
        root.put(tokens.field(model), maxTokens);
        if (request.schema() != null) {
            ObjectNode format = root.putObject("response_format").put("type", "json_schema");
            format.putObject("json_schema")
                    .put("name", "reply")
                    .put("strict", false)
                    .set("schema", request.schema());
        }
        if (stream) {
            root.put("stream", true);
            root.putObject("stream_options").put("include_usage", true);
        }
        return root.toString();
    }

    private static ProtocolFailure failure(URI endpoint, Throwable cause, long timeoutMillis, SseAssembler sse) {
        boolean sent = sse != null && sse.deltasSent();
        if (cause instanceof HttpTimeoutException) {
            return new ProtocolFailure(
                    "no reply from " + endpoint + " within " + timeoutMillis + " ms", 0, 0, true, sent);
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (cause instanceof IOException) {
            return new ProtocolFailure(endpoint + ": " + message + " (connection lost)", 0, 0, true, sent);
        }
        return new ProtocolFailure(endpoint + ": " + message, 0, 0, false, sent);
    }

    /** retry-after-ms (OpenAI), else Retry-After in seconds or as an HTTP date; 0 when absent or unreadable. */
    static long retryAfterMillis(HttpResponse<?> response) {
        String ms = response.headers().firstValue("retry-after-ms").orElse(null);
        if (ms != null) {
            try {
                return Math.max(0, (long) Double.parseDouble(ms.trim()));
            } catch (NumberFormatException e) {
                // fall through to Retry-After
            }
        }
        return Backoff.retryAfterMillis(
                response.headers().firstValue("Retry-After").orElse(null));
    }

    @Override
    public void close() {
        client.close();
    }
}
