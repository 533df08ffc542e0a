package dev.sluice.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.Checks;
import java.util.List;

/**
 * What to ask a model, and what for.
 *
 * @param model the model, or null for the gateway's configured model
 * @param messages the conversation, at least one message
 * @param temperature sampling temperature, or null for the provider's default
 * @param maxTokens the most completion tokens, or null for the gateway's default; the budget reserves this
 * @param schema a JSON Schema (object, properties, required, items, enum, type) the reply must satisfy, or
 *     null for free text; with a schema the reply is validated and repaired once
 * @param purpose what the call is for (answer, judge, enrich): a ledger column
 * @param promptVersion the prompt's version: a ledger column and part of the cache key
 * @param keyId the API key's id for per-key budgets, or null for the gateway's key (its env variable name)
 */
public record ChatRequest(
        String model,
        List<ChatMessage> messages,
        Double temperature,
        Integer maxTokens,
        JsonNode schema,
        String purpose,
        String promptVersion,
        String keyId) {
    public ChatRequest {
        messages = List.copyOf(Checks.notNull("messages", messages));
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("messages must not be empty; give at least one user message");
        }
        Checks.notNull("purpose", purpose);
        if (maxTokens != null) {
            Checks.positive("maxTokens", maxTokens);
        }
        if (schema != null) {
            schema = schema.deepCopy();
        }
    }

    /** A free-text request with the gateway's model and defaults. */
    public static ChatRequest of(String purpose, String promptVersion, List<ChatMessage> messages) {
        return new ChatRequest(null, messages, null, null, null, purpose, promptVersion, null);
    }

    public ChatRequest withMaxTokens(int tokens) {
        return new ChatRequest(model, messages, temperature, tokens, schema, purpose, promptVersion, keyId);
    }

    public ChatRequest withSchema(JsonNode jsonSchema) {
        return new ChatRequest(model, messages, temperature, maxTokens, jsonSchema, purpose, promptVersion, keyId);
    }

    public ChatRequest withKeyId(String id) {
        return new ChatRequest(model, messages, temperature, maxTokens, schema, purpose, promptVersion, id);
    }

    public ChatRequest withMessages(List<ChatMessage> conversation) {
        return new ChatRequest(model, conversation, temperature, maxTokens, schema, purpose, promptVersion, keyId);
    }
}
