package dev.sluice.config;

import dev.sluice.lineage.LineageSettings;
import java.util.function.BiConsumer;

/** The {@code lineage} keys as {@code sluice config show --effective} lists them (the key's variable name only). */
final class LineageRows {
    private LineageRows() {}

    static void add(BiConsumer<String, Object> rows, LineageSettings s) {
        rows.accept("lineage.transport", s.transport().label());
        if (!s.enabled()) {
            return;
        }
        if (s.url() != null) {
            rows.accept("lineage.url", s.url().toString());
            rows.accept("lineage.endpoint", s.endpoint());
            rows.accept("lineage.apiKeyEnv", s.apiKeyEnv() == null ? "none" : s.apiKeyEnv());
        }
        if (s.path() != null) {
            rows.accept("lineage.path", s.path().toString());
        }
        rows.accept("lineage.namespace", s.namespace());
        rows.accept("lineage.job", s.job() == null ? "<knowledge base>.sync" : s.job());
        rows.accept("lineage.timeoutMs", s.timeoutMillis());
    }
}
