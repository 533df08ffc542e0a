package dev.sluice.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * OpenAI's batch protocol, for work that can wait up to a day at half price: upload a JSONL file of chat
 * requests ({@code POST /files}, purpose {@code batch}), create a batch ({@code POST /batches}), poll it
 * ({@code GET /batches/{id}}) and download its output file ({@code GET /files/{id}/content}). Providers of
 * the plain OpenAI protocol only (not Azure's deployment URLs). No retries of its own: a failed step
 * throws {@link LlmException} and the caller tries again on its next run. Costs are not booked here: the
 * caller writes each result's ledger row when it collects it. Thread-safe.
 */
public final class OpenAiBatchClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A batch as the provider reports it: status {@code validating}, {@code in_progress}, {@code completed}, ... */
    public record Batch(String id, String status, String outputFileId, String errorFileId) {
        /** Whether it will not change any more. */
        public boolean finished() {
            return List.of("completed", "failed", "expired", "cancelled").contains(status);
        }
    }

    private final LlmSettings settings;
    private final Function<String, String> environment;
    private final HttpClient client;

    public OpenAiBatchClient(LlmSettings settings, Function<String, String> environment) {
        if (settings.provider() != LlmSettings.Provider.OPENAI) {
            throw new IllegalArgumentException("the batch API needs provider openai (the OpenAI protocol's /batches)");
        }
        this.settings = settings;
        this.environment = environment;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofMillis(settings.timeoutMillis()))
                .build();
    }

    /** One request line of a batch file: the same body a chat call would send, with the caller's id. */
    public String line(String customId, ChatRequest request, String model, int maxTokens) {
        ObjectNode line = JSON.createObjectNode()
                .put("custom_id", customId)
                .put("method", "POST")
                .put("url", "/v1/chat/completions");
        try {
            line.set(
                    "body",
                    JSON.readTree(
                            OpenAiProtocolClient.body(model, request, maxTokens, settings.tokenParameter(), false)));
        } catch (IOException e) {
            throw new IllegalStateException("a request body is always JSON", e);
        }
        return line.toString();
    }

    /** Uploads the lines as a batch file and creates a batch over it; returns the batch. */
    public Batch submit(List<String> lines) {
        String boundary = "sluice-" + UUID.randomUUID();
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"batch.jsonl\"\r\n"
                + "Content-Type: application/jsonl\r\n\r\n"
                + String.join("\n", lines) + "\n\r\n"
                + "--" + boundary + "--\r\n";
        JsonNode file = send(request("files")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
        ObjectNode create = JSON.createObjectNode()
                .put("input_file_id", file.path("id").asText())
                .put("endpoint", "/v1/chat/completions")
                .put("completion_window", "24h");
        return batch(send(request("batches")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(create.toString(), StandardCharsets.UTF_8))));
    }

    /** The batch's current state. */
    public Batch batch(String id) {
        return batch(send(request("batches/" + id).GET()));
    }

    /** A file's content (a batch's output: one JSON line per request). */
    public String content(String fileId) {
        return text(request("files/" + fileId + "/content").GET());
    }

    private static Batch batch(JsonNode node) {
        return new Batch(
                node.path("id").asText(),
                node.path("status").asText(),
                node.hasNonNull("output_file_id") ? node.get("output_file_id").asText() : null,
                node.hasNonNull("error_file_id") ? node.get("error_file_id").asText() : null);
    }

    private HttpRequest.Builder request(String path) {
        String base = settings.baseUrl().toString();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create((base.endsWith("/") ? base : base + "/") + path))
                .timeout(Duration.ofMillis(settings.timeoutMillis()));
        if (settings.apiKeyEnv() != null) {
            String key = environment.apply(settings.apiKeyEnv());
            if (key == null || key.isBlank()) {
                throw new LlmException(
                        LlmOutcome.FAILED,
                        "the environment variable " + settings.apiKeyEnv() + " (llm.apiKeyEnv) is not set");
            }
            b.header("Authorization", "Bearer " + key);
        }
        return b;
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            return JSON.readTree(text(request));
        } catch (IOException e) {
            throw new LlmException(LlmOutcome.FAILED, "the batch API replied with something other than JSON");
        }
    }

    private String text(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            HttpResponse<String> response =
                    client.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() / 100 != 2) {
                throw new LlmException(
                        LlmOutcome.FAILED,
                        "the batch API answered " + response.statusCode() + " to " + built.method() + " "
                                + built.uri().getPath() + ": " + SseAssembler.abbreviate(response.body()));
            }
            return response.body();
        } catch (IOException e) {
            throw new LlmException(LlmOutcome.FAILED, "the batch API failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException(LlmOutcome.FAILED, "interrupted while calling the batch API");
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
