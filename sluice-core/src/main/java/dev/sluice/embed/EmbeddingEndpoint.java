package dev.sluice.embed;

import java.net.URI;
import java.util.Locale;

/**
 * An OpenAI-compatible embeddings endpoint ({@code POST {baseUrl}/embeddings}): OpenAI, Ollama's
 * {@code /v1}, vLLM, LM Studio. Plain data: the gateway in {@code dev.sluice.llm} makes the calls. The
 * key is never here, only the name of the environment variable that holds it.
 *
 * @param baseUrl such as {@code https://api.openai.com/v1}; a URL already ending in {@code /embeddings}
 *     is used as it is
 * @param model the model name sent in each request
 * @param dimensions the vector size asked for and checked, or 0 to take the model's own (learnt from
 *     the first reply)
 * @param apiKeyEnv the environment variable holding the API key, or null for servers without keys
 * @param batchSize texts per request
 * @param maxInputTokens the longest chunk, in bge tokens (an estimate of the endpoint's count)
 * @param timeoutMillis deadline of one attempt
 * @param retries retries after the first attempt on 429, 5xx, time-outs and resets
 * @param requestsPerMinute client-side request limit, 0 for none
 * @param usdPerMillionTokens the price, or null for the gateway's table (free when it has none)
 * @param dailyUsd the daily budget of the ledger's spend, or null for none
 * @param monthlyUsd the monthly budget of the ledger's spend, or null for none
 */
public record EmbeddingEndpoint(
        URI baseUrl,
        String model,
        int dimensions,
        String apiKeyEnv,
        int batchSize,
        int maxInputTokens,
        long timeoutMillis,
        int retries,
        int requestsPerMinute,
        String usdPerMillionTokens,
        String dailyUsd,
        String monthlyUsd) {
    public EmbeddingEndpoint {
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException(
                    "embedding.model.endpoint must be an http or https URL such as https://api.openai.com/v1, got "
                            + baseUrl);
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException(
                    "embedding.model.model must name the endpoint's model, such as text-embedding-3-small");
        }
        if (dimensions < 0 || batchSize < 1 || maxInputTokens < 1) {
            throw new IllegalArgumentException("embedding.model: dimensions must be >= 0, batchSize and"
                    + " maxInputTokens >= 1, got " + dimensions + ", " + batchSize + ", " + maxInputTokens);
        }
    }

    /** The URL requests go to. */
    public URI embeddingsUri() {
        String base = baseUrl.toString();
        if (base.endsWith("/embeddings")) {
            return baseUrl;
        }
        return URI.create((base.endsWith("/") ? base : base + "/") + "embeddings");
    }

    /** The version recorded with every vector: host, model and dimensions (0 until known). */
    public String version() {
        return version(dimensions);
    }

    /** The version with the dimensions the endpoint was found to give. */
    public String version(int actualDimensions) {
        String host = baseUrl.getHost() + (baseUrl.getPort() > 0 ? ":" + baseUrl.getPort() : "");
        return String.format(Locale.ROOT, "endpoint:%s/%s;dim=%d", host, model, actualDimensions);
    }
}
