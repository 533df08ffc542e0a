package dev.sluice.config;

import dev.sluice.llm.LlmSettings;
import dev.sluice.retrieve.RerankSettings;
import dev.sluice.retrieve.RetrievalSettings;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The effective configuration as a flat list of keys, each with its value and where it came from,
 * for {@code sluice config show --effective}. Keys are written as in sluice.yaml
 * ({@code chunking.maxTokens}, {@code sources[0].path}); secrets never appear (an LLM key is only
 * ever named by its environment variable, {@code llm.apiKeyEnv}).
 */
public final class EffectiveSettings {
    /**
     * One setting.
     *
     * @param key the key as in sluice.yaml
     * @param value the effective value (a string, number, boolean or list)
     * @param origin where it came from
     */
    public record Setting(String key, Object value, Origin origin) {}

    private EffectiveSettings() {}

    /** Every setting of {@code config}, in sluice.yaml's order. */
    public static List<Setting> of(EffectiveConfig config) {
        List<Setting> out = new ArrayList<>();
        Adder add = (key, value) -> out.add(new Setting(key, value, config.origin(key)));
        add.put("index", config.index().toAbsolutePath().normalize().toString());
        add.put("index.language", config.language().code());
        add.put("index.backend", config.backends().index().name());
        config.backends().index().settings().forEach((key, value) -> add.put("index." + key, value));
        add.put("catalog.backend", config.backends().catalog().name());
        config.backends().catalog().settings().forEach((key, value) -> add.put("catalog." + key, value));
        add.put("embedding.model", config.model().id());
        add.put("embedding.threads", config.embeddingThreads());
        add.put("embedding.niceness", config.ingestNiceness());
        add.put("chunking.maxTokens", config.chunking().maxTokens());
        add.put("chunking.overlapTokens", config.chunking().overlapTokens());
        add.put("extraction.maxFileMb", config.maxFileMb());
        add.put("extraction.parseTimeoutSeconds", config.parseTimeoutSeconds());
        for (int i = 0; i < config.sources().size(); i++) {
            SluiceConfig.Source s = config.sources().get(i);
            String at = "sources[" + i + "].";
            add.put(at + "name", s.name());
            if (s.web()) {
                add.put(at + "urls", s.urls().stream().map(Object::toString).toList());
                add.put(
                        at + "sitemaps",
                        s.sitemaps().stream().map(Object::toString).toList());
                add.put(at + "http.maxMb", s.http().maxBytes() / (1024 * 1024));
                add.put(at + "http.timeoutSeconds", s.http().timeoutMillis() / 1000);
                add.put(at + "http.concurrency", s.http().concurrency());
                add.put(at + "http.requestsPerSecond", s.http().requestsPerSecond());
                add.put(at + "http.retries", s.http().retries());
                add.put(at + "http.allowedHosts", s.http().allowedHosts());
                add.put(at + "http.allowPrivateAddresses", s.http().allowPrivateAddresses());
            } else {
                add.put(at + "path", s.path().toAbsolutePath().normalize().toString());
                add.put(at + "include", s.include());
                add.put(at + "exclude", s.exclude());
                add.put(at + "gitignore", s.gitignore());
            }
            add.put(at + "freshness", s.freshness() == null ? "none" : human(s.freshness()));
            add.put(
                    at + "access",
                    s.access().open()
                            ? "every caller"
                            : Map.of(
                                    "principals",
                                    s.access().principals(),
                                    "groups",
                                    s.access().groups()));
        }
        RetrievalSettings r = config.retrieval();
        add.put("retrieval.bm25.k1", r.bm25K1());
        add.put("retrieval.bm25.b", r.bm25B());
        add.put("retrieval.denseCandidates", r.denseCandidates());
        add.put("retrieval.fusionDepth", r.fusionDepth());
        add.put("retrieval.rrfK", r.rrfK());
        add.put("retrieval.bm25Weight", r.bm25Weight());
        add.put("retrieval.denseWeight", r.denseWeight());
        add.put("retrieval.documentMatch", r.documentMatch());
        RerankSettings rerank = config.rerank();
        add.put("retrieval.rerank.enabled", rerank.enabled());
        add.put("retrieval.rerank.candidates", rerank.candidates());
        add.put("retrieval.rerank.maxPassageChars", rerank.maxPassageChars());
        add.put("retrieval.rerank.model", rerank.model() == null ? "none (no llm section)" : rerank.model());
        add.put(
                "eval.gates",
                config.eval().gates().stream().map(Object::toString).toList());
        add.put(
                "eval.regression.maxDrop",
                config.eval().maxDrop() == null ? "none" : config.eval().maxDrop());
        add.put("eval.regression.alpha", config.eval().alpha());
        add.put("checks.conflicts", config.quality().conflicts());
        LineageRows.add(add::put, config.lineage());
        if (config.llm().isEmpty()) {
            add.put("llm", "none (answers are extractive)");
        } else {
            SluiceConfig.Llm llm = config.llm().get();
            LlmSettings s = llm.settings();
            add.put("llm.baseUrl", s.baseUrl().toString());
            add.put("llm.model", s.model());
            add.put("llm.apiKeyEnv", s.apiKeyEnv()); // the variable's name only: the key is never read here
            add.put("llm.provider", s.provider().label());
            if (s.azure() != null) {
                add.put("llm.azure.apiVersion", s.azure().apiVersion());
                add.put("llm.azure.deployments", new TreeMap<>(s.azure().deployments()));
            }
            add.put("llm.tokenParameter", s.tokenParameter().label());
            add.put("llm.strongModel", llm.strongModel() == null ? "none" : llm.strongModel());
            add.put("llm.maxAnswerTokens", llm.maxAnswerTokens());
            add.put("llm.judgeConflicts", llm.judgeConflicts());
            add.put("llm.timeoutSeconds", s.timeoutMillis() / 1000);
            add.put("llm.retries", s.retries());
            add.put("llm.requestsPerMinute", s.requestsPerMinute() == 0 ? "unlimited" : s.requestsPerMinute());
            add.put("llm.tokensPerMinute", s.tokensPerMinute() == 0 ? "unlimited" : s.tokensPerMinute());
            add.put("llm.budget.dailyUsd", usd(llm.budget().dailyPicoUsd()));
            add.put("llm.budget.monthlyUsd", usd(llm.budget().monthlyPicoUsd()));
            add.put("llm.budget.perKeyDailyUsd", usd(llm.budget().perKeyDailyPicoUsd()));
            add.put("llm.budget.perKeyMonthlyUsd", usd(llm.budget().perKeyMonthlyPicoUsd()));
        }
        transforms(config.config().transforms(), add);
        return out;
    }

    /** The transforms section, each step with its resolved prompt version and models. */
    private static void transforms(dev.sluice.transform.TransformSettings t, Adder add) {
        if (!t.configured()) {
            return;
        }
        add.put("transforms.budget.perRunUsd", usd(t.perRunPicoUsd()));
        add.put("transforms.budget.dailyUsd", usd(t.dailyPicoUsd()));
        add.put("transforms.concurrency", t.concurrency());
        add.put("transforms.requestsPerMinute", t.requestsPerMinute() == 0 ? "unlimited" : t.requestsPerMinute());
        add.put("transforms.batch", t.batch());
        for (int i = 0; i < t.steps().size(); i++) {
            dev.sluice.transform.TransformStep step = t.steps().get(i);
            String at = "transforms.steps[" + i + "].";
            add.put(at + "name", step.name());
            add.put(at + "kind", step.kind().label());
            add.put(at + "prompt", step.prompt().origin());
            add.put(at + "version", step.version());
            add.put(at + "model", step.model());
            add.put(at + "escalateTo", step.escalateTo() == null ? "none" : step.escalateTo());
            add.put(at + "sources", step.sources().isEmpty() ? "all" : step.sources());
            add.put(at + "maxInputTokens", step.maxInputTokens());
            add.put(at + "maxOutputTokens", step.maxOutputTokens());
        }
    }

    /** A duration as written in sluice.yaml: 7d, 24h, 30m or 90s. */
    public static String human(java.time.Duration d) {
        long seconds = d.getSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    private static Object usd(long picoUsd) {
        return picoUsd == 0
                ? "none"
                : BigDecimal.valueOf(picoUsd, 12).stripTrailingZeros().toPlainString();
    }

    @FunctionalInterface
    private interface Adder {
        void put(String key, Object value);
    }
}
