package dev.sluice.llm;

import dev.sluice.core.Checks;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How the gateway reaches one OpenAI-compatible endpoint and how careful it is. Validated at
 * construction; immutable. The API key is never here: only the name of the environment variable that
 * holds it, read at call time.
 *
 * @param baseUrl the endpoint's base, such as {@code https://api.openai.com/v1} or
 *     {@code http://127.0.0.1:11434/v1}; {@code /chat/completions} is appended. For {@link Provider#AZURE},
 *     the resource, such as {@code https://my-resource.openai.azure.com}
 * @param model the default model name
 * @param apiKeyEnv the environment variable holding the API key, or null for local servers without keys
 * @param provider how URLs and the key header are made
 * @param azure the Azure deployment settings: set for {@link Provider#AZURE}, null otherwise
 * @param tokenParameter which field carries the completion token limit
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
        Provider provider,
        Azure azure,
        TokenParameter tokenParameter,
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
        Checks.notNull("llm.provider", provider);
        Checks.notNull("llm.tokenParameter", tokenParameter);
        if (provider == Provider.AZURE) {
            if (azure == null) {
                throw new IllegalArgumentException(
                        "llm.azure must be set for provider azure: give at least azure.apiVersion, such as 2024-10-21");
            }
            if (List.of(baseUrl.getPath().split("/")).contains("openai")) {
                throw new IllegalArgumentException("llm.baseUrl for provider azure is the resource alone, such as"
                        + " https://my-resource.openai.azure.com (Sluice adds /openai/deployments/...), got "
                        + baseUrl);
            }
            try {
                azure.deployment(model); // fails now rather than at the first call
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("llm.model: " + e.getMessage(), e);
            }
        } else if (azure != null) {
            throw new IllegalArgumentException(
                    "llm.azure applies to provider azure only; set provider azure or leave" + " azure out");
        }
        Checks.positive("LlmSettings.timeoutMillis", timeoutMillis);
        Checks.inRange("llm.retries", retries, 0, 20);
        Checks.positive("LlmSettings.backoffMillis", backoffMillis);
        Checks.positive("LlmSettings.maxRetryAfterMillis", maxRetryAfterMillis);
        Checks.inRange("llm.requestsPerMinute", requestsPerMinute, 0, Integer.MAX_VALUE);
        Checks.inRange("llm.tokensPerMinute", tokensPerMinute, 0, Integer.MAX_VALUE);
        Checks.positive("LlmSettings.breakerFailures", breakerFailures);
        Checks.positive("LlmSettings.breakerOpenMillis", breakerOpenMillis);
        Checks.inRange("LlmSettings.cacheEntries", cacheEntries, 0, 1_000_000);
        Checks.positive("LlmSettings.defaultMaxTokens", defaultMaxTokens);
    }

    /** How the gateway builds URLs and sends the key. */
    public enum Provider {
        /** Any OpenAI-protocol server: {@code POST {baseUrl}/chat/completions}, the key as a Bearer token. */
        OPENAI,
        /**
         * Azure OpenAI's deployment URLs: {@code POST
         * {baseUrl}/openai/deployments/{deployment}/chat/completions?api-version={apiVersion}}, the key in
         * an {@code api-key} header. (Azure's newer {@code /openai/v1} endpoint speaks the plain protocol:
         * use {@link #OPENAI} with that base URL.)
         */
        AZURE;

        /** The label in {@code sluice.yaml}: {@code openai}, {@code azure}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The provider with this label, case and surrounding blanks ignored, or null for none. */
        public static Provider fromLabel(String label) {
            for (Provider p : values()) {
                if (label != null && p.label().equalsIgnoreCase(label.strip())) {
                    return p;
                }
            }
            return null;
        }
    }

    /**
     * Azure OpenAI deployment settings. A model is called through the deployment mapped to it, else
     * through a deployment of the model's own name, so that {@code strongModel} and judge models work
     * with one entry each or none.
     *
     * @param apiVersion the {@code api-version} query parameter, such as {@code 2024-10-21}
     * @param deployments deployment name per model name (may be empty)
     */
    public record Azure(String apiVersion, Map<String, String> deployments) {
        // Azure deployment names: letters, digits, '-', '_' and '.'; nothing that needs escaping in a path.
        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
        private static final Pattern API_VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

        public Azure {
            Checks.notNull("llm.azure.apiVersion", apiVersion);
            if (!API_VERSION.matcher(apiVersion).matches()) {
                throw new IllegalArgumentException(
                        "llm.azure.apiVersion must be a version such as 2024-10-21, got \"" + apiVersion + "\"");
            }
            deployments = Map.copyOf(Checks.notNull("llm.azure.deployments", deployments));
            for (Map.Entry<String, String> e : deployments.entrySet()) {
                if (!NAME.matcher(e.getValue()).matches()) {
                    throw new IllegalArgumentException("llm.azure.deployments." + e.getKey()
                            + " must be a deployment name (letters, digits, '.', '_', '-'; at most 64), got \""
                            + e.getValue() + "\"");
                }
            }
        }

        /**
         * The deployment that serves {@code model}.
         *
         * @throws IllegalArgumentException when the model has no entry and its name cannot be a deployment's
         */
        public String deployment(String model) {
            String mapped = deployments.get(model);
            if (mapped != null) {
                return mapped;
            }
            if (!NAME.matcher(model).matches()) {
                throw new IllegalArgumentException("model \"" + model + "\" has no entry in llm.azure.deployments"
                        + " and its name cannot be a deployment name (letters, digits, '.', '_', '-'); map it to"
                        + " its deployment under azure.deployments");
            }
            return model;
        }

        @Override
        public String toString() {
            return "{apiVersion=" + apiVersion + ", deployments=" + new TreeMap<>(deployments) + "}";
        }
    }

    /**
     * Where a request for {@code model} goes: {@code {baseUrl}/chat/completions}, or for Azure the
     * model's deployment URL with the api-version.
     *
     * @throws IllegalArgumentException for Azure, when the model has no usable deployment name
     */
    public URI chatCompletionsUri(String model) {
        String base = baseUrl.toString();
        base = base.endsWith("/") ? base : base + "/";
        if (provider == Provider.OPENAI) {
            return URI.create(base + "chat/completions");
        }
        // Both parts were checked against patterns that need no escaping.
        return URI.create(base + "openai/deployments/" + azure.deployment(model) + "/chat/completions?api-version="
                + azure.apiVersion());
    }

    /** These settings with another response cache size (0: none), such as for repeated judging. */
    public LlmSettings withCacheEntries(int entries) {
        return new LlmSettings(
                baseUrl,
                model,
                apiKeyEnv,
                provider,
                azure,
                tokenParameter,
                timeoutMillis,
                retries,
                backoffMillis,
                maxRetryAfterMillis,
                requestsPerMinute,
                tokensPerMinute,
                breakerFailures,
                breakerOpenMillis,
                entries,
                defaultMaxTokens);
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
                "LlmSettings[baseUrl=%s, model=%s, apiKeyEnv=%s (value not shown), provider=%s,%s tokenParameter=%s,"
                        + " timeoutMillis=%d, retries=%d,"
                        + " backoffMillis=%d, maxRetryAfterMillis=%d, requestsPerMinute=%d, tokensPerMinute=%d,"
                        + " breakerFailures=%d, breakerOpenMillis=%d, cacheEntries=%d, defaultMaxTokens=%d]",
                baseUrl,
                model,
                apiKeyEnv,
                provider.label(),
                azure == null ? "" : " azure=" + azure + ",",
                tokenParameter.label(),
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

    /** Builds settings; defaults: provider openai, token parameter auto, 60 s time-out, 3 retries from 500 ms, Retry-After up to 60 s, no limits, breaker 5 / 30 s, 1000 cached replies, 1024 max tokens. */
    public static final class Builder {
        private final URI baseUrl;
        private final String model;
        private final String apiKeyEnv;
        private Provider provider = Provider.OPENAI;
        private Azure azure;
        private TokenParameter tokenParameter = TokenParameter.AUTO;
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

        /** Azure OpenAI deployment URLs and the api-key header (see {@link Provider#AZURE}). */
        public Builder azure(String apiVersion, Map<String, String> deployments) {
            this.provider = Provider.AZURE;
            this.azure = new Azure(apiVersion, deployments);
            return this;
        }

        public Builder tokenParameter(TokenParameter value) {
            this.tokenParameter = value;
            return this;
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
                    provider,
                    azure,
                    tokenParameter,
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
