package dev.sluice.answer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.llm.ChatMessage;
import dev.sluice.llm.ChatRequest;
import dev.sluice.llm.LlmException;
import dev.sluice.llm.LlmGateway;
import dev.sluice.llm.LlmOutcome;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Judges an answer with a language model, each measure through its own versioned prompt and the
 * gateway's structured output (schema-checked, repaired once):
 *
 * <ul>
 *   <li>faithfulness: the share of the answer's claims the passages support;
 *   <li>answer relevance: how directly it addresses the question, 1 to 5, scaled to 0..1;
 *   <li>context precision: average precision of the passages the judge marks useful, over their
 *       ranks (1 when every useful passage comes before every useless one);
 *   <li>context recall: the share of the reference answer's statements the passages contain (only
 *       with a reference answer).
 * </ul>
 *
 * A measure whose judge call fails is reported as failed, never dropped from the counts.
 */
public final class AnswerJudge {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode FAITHFULNESS = schema("""
            {"type": "object", "required": ["claims"], "properties": {"claims": {"type": "array", "items":
              {"type": "object", "required": ["claim", "supported"], "properties":
                {"claim": {"type": "string"}, "supported": {"type": "boolean"}}}}}}""");
    private static final JsonNode RELEVANCE = schema("""
            {"type": "object", "required": ["score"], "properties":
              {"score": {"type": "integer", "enum": [1, 2, 3, 4, 5]}, "reason": {"type": "string"}}}""");
    private static final JsonNode PRECISION = schema("""
            {"type": "object", "required": ["passages"], "properties": {"passages": {"type": "array", "items":
              {"type": "object", "required": ["number", "useful"], "properties":
                {"number": {"type": "integer"}, "useful": {"type": "boolean"}}}}}}""");
    private static final JsonNode RECALL = schema("""
            {"type": "object", "required": ["statements"], "properties": {"statements": {"type": "array", "items":
              {"type": "object", "required": ["statement", "found"], "properties":
                {"statement": {"type": "string"}, "found": {"type": "boolean"}}}}}}""");

    /** The measures; a null value was not measured (no reference, nothing to judge). */
    public enum Measure {
        FAITHFULNESS,
        RELEVANCE,
        CONTEXT_PRECISION,
        CONTEXT_RECALL
    }

    /** One measure's outcome: a value in 0..1, or why it failed. */
    public record Score(Measure measure, Double value, String failure) {
        public boolean failed() {
            return failure != null;
        }
    }

    private final LlmGateway gateway;
    private final PromptLibrary prompts;
    private final String model;

    /** @param model the judge model, or null for the gateway's */
    public AnswerJudge(LlmGateway gateway, PromptLibrary prompts, String model) {
        this.gateway = gateway;
        this.prompts = prompts;
        this.model = model;
    }

    /** Judges one answer; {@code reference} may be null (no context recall then). */
    public List<Score> judge(Answer answer, String reference) {
        String passages = ModelAnswerer.passages(answer.context());
        return List.of(
                score(
                        Measure.FAITHFULNESS,
                        "judge-faithfulness",
                        FAITHFULNESS,
                        Map.of("passages", passages, "answer", answer.text()),
                        json -> share(json.path("claims"), "supported")),
                score(
                        Measure.RELEVANCE,
                        "judge-relevance",
                        RELEVANCE,
                        Map.of("question", answer.question(), "answer", answer.text()),
                        json -> (json.path("score").asInt() - 1) / 4.0),
                score(
                        Measure.CONTEXT_PRECISION,
                        "judge-context-precision",
                        PRECISION,
                        Map.of("question", answer.question(), "passages", passages),
                        json -> averagePrecision(json.path("passages"))),
                reference == null
                        ? new Score(Measure.CONTEXT_RECALL, null, null)
                        : score(
                                Measure.CONTEXT_RECALL,
                                "judge-context-recall",
                                RECALL,
                                Map.of("passages", passages, "reference", reference),
                                json -> share(json.path("statements"), "found")));
    }

    private interface Reading {
        Double read(JsonNode json);
    }

    private Score score(
            Measure measure, String promptName, JsonNode schema, Map<String, String> values, Reading reading) {
        Prompt prompt = prompts.get(promptName);
        ChatRequest request = new ChatRequest(
                model,
                List.of(ChatMessage.user(prompt.render(values))),
                0.0,
                800,
                schema,
                "judge",
                prompt.version(),
                null);
        try {
            JsonNode json = JSON.readTree(gateway.chat(request).text());
            return new Score(measure, reading.read(json), null);
        } catch (LlmException e) {
            return new Score(
                    measure,
                    null,
                    e.outcome() == LlmOutcome.INVALID_OUTPUT
                            ? "invalid judge output: " + e.getMessage()
                            : e.outcome().name().toLowerCase(java.util.Locale.ROOT) + ": " + e.getMessage());
        } catch (IOException e) {
            return new Score(measure, null, "the judge's reply is not JSON: " + e.getMessage());
        }
    }

    /** The share of items whose {@code flag} is true; null for an empty list (nothing to judge). */
    static Double share(JsonNode items, String flag) {
        if (!items.isArray() || items.isEmpty()) {
            return null;
        }
        int yes = 0;
        for (JsonNode item : items) {
            yes += item.path(flag).asBoolean() ? 1 : 0;
        }
        return (double) yes / items.size();
    }

    /** Average precision of the useful passages over their ranks; 0 when none is useful. */
    static Double averagePrecision(JsonNode passages) {
        if (!passages.isArray() || passages.isEmpty()) {
            return null;
        }
        int useful = 0;
        double sum = 0;
        for (int i = 0; i < passages.size(); i++) {
            if (passages.get(i).path("useful").asBoolean()) {
                useful++;
                sum += (double) useful / (i + 1);
            }
        }
        return useful == 0 ? 0.0 : sum / useful;
    }

    private static JsonNode schema(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("a judge schema is not valid JSON", e);
        }
    }
}
