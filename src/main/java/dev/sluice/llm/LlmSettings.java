package dev.sluice.llm;

import dev.sluice.core.Checks;
import java.net.URI;
import java.util.Locale;

/**
 * How the gateway reaches one OpenAI-compatible endpoint and how careful it is. Validated at
 * construction; immutable. The API key is never here: only the name of the environment variable that
 * holds it, read at call time.
 *
 * @param baseUrl the endpoint's base, such as {@code https://api.openai.com/v1} or
 *     {@code http://127.0.0.1:11434/v1}; {@code /chat/completions} is appended
 * @param model the default model name
 * @param apiKeyEnv the environment variable holding the API key, or null for local servers without keys
 * @param timeoutMillis deadline of one attempt, headers and whole body (stream included)
 * @param retries retries after the first attempt on 429, 5xx, time-outs, resets and unreadable replies
 * @param backoffMillis first backoff; doubled each retry, with jitter
 * @param maxRetryAfterMillis the longest Retry-After honoured; a longer one ends the call
 * @param requestsPerMinute client-side request limit (spacing), 0 for none
 * @param tokensPerMinute client-side token limit on estimated tokens, 0 for none
 * @param breakerFailures consecutive failed calls that open the circuit breaker
 * @param breakerOpenMillis how long the breaker stays open before one trial call
 * @param cacheEntries response cache size, 0 for no cache
 * @param defaultMaxTokens completion tokens asked (and reserved) when a request gives none
 */
public record LlmSettings(
        URI baseUrl,
        String model,
        String apiKeyEnv,
        long timeoutMillis,
        int retries,
        long backoffMillis,
        long maxRetryAfterMillis,
        int requestsPerMinute,
        int tokensPerMinute,
        int breakerFailures,
        long breakerOpenMillis,
        int cacheEntries,
        int defaultMaxTokens) {
    public LlmSettings {
        Checks.notNull("llm.baseUrl", baseUrl);
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException(
                    "llm.baseUrl must be an http or https URL such as https://api.openai.com/v1, got " + baseUrl);
        }
        Checks.notNull("llm.model", model);
        Checks.positive("llm.timeoutMillis", timeoutMillis);
        Checks.inRange("llm.retries", retries, 0, 20);
        Checks.positive("llm.backoffMillis", backoffMillis);
        Checks.positive("llm.maxRetryAfterMillis", maxRetryAfterMillis);
        Checks.inRange("llm.requestsPerMinute", requestsPerMinute, 0, Integer.MAX_VALUE);
        Checks.inRange("llm.tokensPerMinute", tokensPerMinute, 0, Integer.MAX_VALUE);
        Checks.positive("llm.breakerFailures", breakerFailures);
        Checks.positive("llm.breakerOpenMillis", breakerOpenMillis);
        Checks.inRange("llm.cacheEntries", cacheEntries, 0, 1_000_000);
        Checks.positive("llm.defaultMaxTokens", defaultMaxTokens);
    }

    /** Settings with the defaults below for everything but the endpoint, model and key variable. */
    public static Builder builder(String baseUrl, String model, String apiKeyEnv) {
        return new Builder(URI.create(baseUrl), model, apiKeyEnv);
    }

    /** The effective settings for logs: no secret is held here, the key variable is shown by name only. */
    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "LlmSettings[baseUrl=%s, model=%s, apiKeyEnv=%s (value not shown), timeoutMillis=%d, retries=%d,"
                        + " backoffMillis=%d, maxRetryAfterMillis=%d, requestsPerMinute=%d, tokensPerMinute=%d,"
                        + " breakerFailures=%d, breakerOpenMillis=%d, cacheEntries=%d, defaultMaxTokens=%d]",
                baseUrl,
                model,
                apiKeyEnv,
                timeoutMillis,
                retries,
                backoffMillis,
                maxRetryAfterMillis,
                requestsPerMinute,
                tokensPerMinute,
                breakerFailures,
                breakerOpenMillis,
                cacheEntries,
                defaultMaxTokens);
    }

    /** Builds settings; defaults: 60 s time-out, 3 retries from 500 ms, Retry-After up to 60 s, no limits, breaker 5 / 30 s, 1000 cached replies, 1024 max tokens. */
    public static final class Builder {
        private final URI baseUrl;
        private final String model;
        private final String apiKeyEnv;
        private long timeoutMillis = 60_000;
        private int retries = 3;
        private long backoffMillis = 500;
        private long maxRetryAfterMillis = 60_000;
        private int requestsPerMinute;
        private int tokensPerMinute;
        private int breakerFailures = 5;
        private long breakerOpenMillis = 30_000;
        private int cacheEntries = 1000;
        private int defaultMaxTokens = 1024;

        private Builder(URI baseUrl, String model, String apiKeyEnv) {
            this.baseUrl = baseUrl;
            this.model = model;
            this.apiKeyEnv = apiKeyEnv;
        }

        public Builder timeoutMillis(long value) {
            this.timeoutMillis = value;
            return this;
        }

        public Builder retries(int value, long firstBackoffMillis) {
            this.retries = value;
            this.backoffMillis = firstBackoffMillis;
            return this;
        }

        public Builder maxRetryAfterMillis(long value) {
            this.maxRetryAfterMillis = value;
            return this;
        }

        public Builder limits(int perMinuteRequests, int perMinuteTokens) {
            this.requestsPerMinute = perMinuteRequests;
            this.tokensPerMinute = perMinuteTokens;
            return this;
        }

        public Builder breaker(int failures, long openMillis) {
            this.breakerFailures = failures;
            this.breakerOpenMillis = openMillis;
            return this;
        }

        public Builder cacheEntries(int value) {
            this.cacheEntries = value;
            return this;
        }

        public Builder defaultMaxTokens(int value) {
            this.defaultMaxTokens = value;
            return this;
        }

        public LlmSettings build() {
            return new LlmSettings(
                    baseUrl,
                    model,
                    apiKeyEnv,
                    timeoutMillis,
                    retries,
                    backoffMillis,
                    maxRetryAfterMillis,
                    requestsPerMinute,
                    tokensPerMinute,
                    breakerFailures,
                    breakerOpenMillis,
                    cacheEntries,
                    defaultMaxTokens);
        }
    }
}
