package dev.sluice.llm;

/**
 * A model's reply.
 *
 * @param text the reply (for structured output: JSON that satisfied the schema)
 * @param inputTokens prompt tokens the provider reported (0 when served from the cache)
 * @param outputTokens completion tokens the provider reported
 * @param model the model that answered, as the provider names it
 * @param finishReason why the model stopped (stop, length, ...), or null
 * @param latencyMillis wall time of the call, retries and waits included
 * @param fromCache whether the reply came from the gateway's cache (no request made)
 * @param attempts HTTP requests made, repair included
 */
public record ChatResult(
        String text,
        long inputTokens,
        long outputTokens,
        String model,
        String finishReason,
        long latencyMillis,
        boolean fromCache,
        int attempts) {}
