package dev.sluice.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * Reads a chat completions stream line by line (server-sent events: {@code data: {...}} chunks, then
 * {@code data: [DONE]}), hands each content delta to the caller as it arrives and assembles the text,
 * the finish reason and the usage of the final chunk ({@code stream_options.include_usage}). Lines arrive
 * on an HTTP client thread, in order.
 */
final class SseAssembler implements Flow.Subscriber<String> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Consumer<String> onDelta;
    private final StringBuilder text = new StringBuilder();
    private volatile boolean deltasSent;
    private Flow.Subscription subscription;
    private String model;
    private String finishReason;
    private JsonNode usage;
    private boolean done;
    private String error;

    SseAssembler(Consumer<String> onDelta) {
        this.onDelta = onDelta;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        this.subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
        if (error != null || done || !line.startsWith("data:")) {
            return; // comments (": keep-alive"), event names and blank separators carry nothing we need
        }
        String data = line.substring(5).trim();
        if (data.equals("[DONE]")) {
            done = true;
            return;
        }
        JsonNode chunk;
        try {
            chunk = JSON.readTree(data);
        } catch (java.io.IOException e) {
            error = "unreadable stream chunk: " + abbreviate(data);
            subscription.cancel();
            return;
        }
        if (chunk.hasNonNull("model")) {
            model = chunk.get("model").asText();
        }
        if (chunk.hasNonNull("usage")) {
            usage = chunk.get("usage");
        }
        JsonNode choice = chunk.path("choices").path(0);
        String delta = choice.path("delta").path("content").asText("");
        if (!delta.isEmpty()) {
            text.append(delta);
            deltasSent = true;
            onDelta.accept(delta);
        }
        if (choice.hasNonNull("finish_reason")) {
            finishReason = choice.get("finish_reason").asText();
        }
    }

    @Override
    public void onError(Throwable t) {
        // The HTTP client completes the response future exceptionally; nothing to keep here.
    }

    @Override
    public void onComplete() {}

    boolean deltasSent() {
        return deltasSent;
    }

    /** The assembled reply, or a failure when the stream was cut or unreadable. */
    OpenAiProtocolClient.Completion completion() throws ProtocolFailure.Thrown {
        if (error != null || !done) {
            String why = error != null ? error : "the stream ended without data: [DONE] (cut off)";
            throw new ProtocolFailure(why, 200, 0, true, deltasSent).thrown();
        }
        return OpenAiProtocolClient.Completion.of(text.toString(), model, finishReason, usage);
    }

    static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
