package dev.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.llm.Budget;
import dev.sluice.llm.LlmSettings;
import dev.sluice.llm.PriceTable;
import dev.sluice.llm.TokenParameter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code llm} section: endpoint, provider (OpenAI or Azure), limits, budget and prices. */
final class LlmSection extends ConfigReader {
    private static final Set<String> LLM = Set.of(
            "baseUrl",
            "model",
            "apiKeyEnv",
            "provider",
            "azure",
            "tokenParameter",
            "strongModel",
            "timeoutSeconds",
            "retries",
            "requestsPerMinute",
            "tokensPerMinute",
            "maxAnswerTokens",
            "judgeConflicts",
            "budget",
            "prices");
    private static final Set<String> LLM_AZURE = Set.of("apiVersion", "deployments");
    private static final Set<String> LLM_BUDGET =
            Set.of("dailyUsd", "monthlyUsd", "perKeyDailyUsd", "perKeyMonthlyUsd");
    private static final Set<String> PRICE = Set.of("inputPerMillion", "outputPerMillion");

    LlmSection(Path file, Map<String, Integer> lines) {
        super(file, lines);
    }

    SluiceConfig.Llm llm(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isObject() && (node.has("apiKey") || node.has("key"))) {
            String key = node.has("apiKey") ? "llm.apiKey" : "llm.key";
            throw error(
                    key,
                    key + ": API keys never go in sluice.yaml; export the key in an environment variable"
                            + " and name that variable with llm.apiKeyEnv (e.g. apiKeyEnv: OPENAI_API_KEY)");
        }
        object(node, "llm", LLM);
        for (String required : List.of("baseUrl", "model")) {
            if (!node.has(required)) {
                throw error(
                        "llm",
                        "llm needs " + required
                                + " (for example baseUrl: https://api.openai.com/v1, model: gpt-4o-mini)");
            }
        }
        String baseUrl = string(node.get("baseUrl"), "llm.baseUrl");
        try {
            java.net.URI uri = new java.net.URI(baseUrl);
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                throw new java.net.URISyntaxException(baseUrl, "not an http(s) URL with a host");
            }
        } catch (java.net.URISyntaxException e) {
            throw error("llm.baseUrl", "llm.baseUrl must be an http or https URL, got \"" + baseUrl + "\"");
        }
        LlmSettings.Builder settings = LlmSettings.builder(
                baseUrl,
                string(node.get("model"), "llm.model"),
                node.has("apiKeyEnv") ? string(node.get("apiKeyEnv"), "llm.apiKeyEnv") : null);
        provider(node, settings);
        if (node.has("tokenParameter")) {
            String label = string(node.get("tokenParameter"), "llm.tokenParameter");
            TokenParameter tokens = TokenParameter.fromLabel(label);
            if (tokens == null) {
                throw error(
                        "llm.tokenParameter",
                        "llm.tokenParameter must be auto (max_completion_tokens for o1, o3, o4 and gpt-5 models,"
                                + " max_tokens for others), max_tokens or max_completion_tokens, got \"" + label
                                + "\"");
            }
            settings.tokenParameter(tokens);
        }
        if (node.has("timeoutSeconds")) {
            settings.timeoutMillis(positive(node.get("timeoutSeconds"), "llm.timeoutSeconds") * 1000L);
        }
        if (node.has("retries")) {
            settings.retries(integer(node.get("retries"), "llm.retries"), 500);
        }
        int rpm = node.has("requestsPerMinute") ? positive(node.get("requestsPerMinute"), "llm.requestsPerMinute") : 0;
        int tpm = node.has("tokensPerMinute") ? positive(node.get("tokensPerMinute"), "llm.tokensPerMinute") : 0;
        settings.limits(rpm, tpm);
        int maxTokens =
                node.has("maxAnswerTokens") ? positive(node.get("maxAnswerTokens"), "llm.maxAnswerTokens") : 500;
        String strong = node.has("strongModel") ? string(node.get("strongModel"), "llm.strongModel") : null;
        JsonNode budget = section(node, "budget", LLM_BUDGET, "llm.budget");
        Budget.Limits limits;
        try {
            limits = Budget.Limits.usd(
                    usd(budget.get("dailyUsd"), "llm.budget.dailyUsd"),
                    usd(budget.get("monthlyUsd"), "llm.budget.monthlyUsd"),
                    usd(budget.get("perKeyDailyUsd"), "llm.budget.perKeyDailyUsd"),
                    usd(budget.get("perKeyMonthlyUsd"), "llm.budget.perKeyMonthlyUsd"));
        } catch (ArithmeticException e) {
            throw error("llm.budget", "llm.budget: amounts take at most 12 decimals");
        }
        PriceTable prices = PriceTable.defaults();
        JsonNode priceNode = node.get("prices");
        if (priceNode != null && !priceNode.isNull()) {
            if (!priceNode.isObject()) {
                throw error("llm.prices", "llm.prices must map model names to {inputPerMillion, outputPerMillion}");
            }
            java.util.Iterator<String> models = priceNode.fieldNames();
            while (models.hasNext()) {
                String model = models.next();
                String key = "llm.prices." + model;
                JsonNode price = priceNode.get(model);
                object(price, key, PRICE);
                prices = prices.with(
                        model,
                        PriceTable.Price.perMillion(
                                java.util.Objects.requireNonNullElse(
                                        usd(price.get("inputPerMillion"), key + ".inputPerMillion"), "0"),
                                java.util.Objects.requireNonNullElse(
                                        usd(price.get("outputPerMillion"), key + ".outputPerMillion"), "0")));
            }
        }
        LlmSettings built;
        try {
            built = settings.build();
        } catch (IllegalArgumentException e) {
            throw error("llm", "llm: " + e.getMessage());
        }
        if (strong != null) {
            try {
                built.chatCompletionsUri(strong); // an Azure strong model needs a deployment name too
            } catch (IllegalArgumentException e) {
                throw error("llm.strongModel", "llm.strongModel: " + e.getMessage());
            }
        }
        boolean judgeConflicts = node.has("judgeConflicts") && bool(node.get("judgeConflicts"), "llm.judgeConflicts");
        return new SluiceConfig.Llm(built, strong, maxTokens, limits, prices, judgeConflicts);
    }

    /**
     * {@code provider: openai} (the default) needs nothing more; {@code provider: azure} needs {@code
     * azure.apiVersion} and takes {@code azure.deployments} (model name to deployment name).
     */
    void provider(JsonNode node, LlmSettings.Builder settings) {
        String label = node.has("provider") ? string(node.get("provider"), "llm.provider") : "openai";
        LlmSettings.Provider provider = LlmSettings.Provider.fromLabel(label);
        if (provider == null) {
            throw error(
                    "llm.provider",
                    "llm.provider must be openai (any OpenAI-compatible server, the default) or azure (Azure"
                            + " OpenAI deployment URLs), got \"" + label + "\"");
        }
        JsonNode azure = section(node, "azure", LLM_AZURE, "llm.azure");
        if (provider == LlmSettings.Provider.OPENAI) {
            if (!azure.isMissingNode()) {
                throw error(
                        "llm.azure",
                        "llm.azure applies to provider: azure only; add provider: azure to llm, or remove llm.azure");
            }
            return;
        }
        if (!azure.has("apiVersion")) {
            throw error(
                    azure.isMissingNode() ? "llm.provider" : "llm.azure",
                    "llm.azure.apiVersion is required with provider: azure (for example azure: {apiVersion:"
                            + " 2024-10-21}); the deployment defaults to the model's name, or map models to"
                            + " deployments in llm.azure.deployments");
        }
        String apiVersion = string(azure.get("apiVersion"), "llm.azure.apiVersion");
        Map<String, String> deployments = new HashMap<>();
        JsonNode map = azure.get("deployments");
        if (map != null && !map.isNull()) {
            if (!map.isObject()) {
                throw error(
                        "llm.azure.deployments",
                        "llm.azure.deployments must map model names to deployment names (gpt-4o-mini: my-mini),"
                                + " got " + describe(map));
            }
            Iterator<String> models = map.fieldNames();
            while (models.hasNext()) {
                String model = models.next();
                String key = "llm.azure.deployments." + model;
                deployments.put(model, string(map.get(model), key));
            }
        }
        try {
            settings.azure(apiVersion, deployments);
        } catch (IllegalArgumentException e) {
            throw error("llm.azure", e.getMessage()); // the message names the key within llm.azure
        }
    }
}
