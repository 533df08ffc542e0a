package dev.sluice.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.UsageException;
import dev.sluice.sqlite.SqliteCatalog;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standard {@code OTEL_TRACES_SAMPLER} variables decide which traces are kept, into a real catalog. */
class TracingSamplerTest {
    @TempDir
    Path work;

    /** Runs {@code operations} traced operations and returns how many traces the catalog kept. */
    private int kept(Map<String, String> env, int operations) {
        try (SqliteCatalog catalog = SqliteCatalog.open(work.resolve(env.hashCode() + ".sqlite"))) {
            try (Tracing tracing = Tracing.create(() -> catalog, TraceLimits.DEFAULTS, env)) {
                for (int i = 0; i < operations; i++) {
                    try (Tracing.Operation op = tracing.operation("search", Context.root(), SpanKind.INTERNAL)) {
                        assertThat(op.traceId()).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
                    }
                }
                tracing.flush();
            }
            return catalog.recentTraces(10_000).size();
        }
    }

    @Test
    void should_keep_every_trace_by_default_and_none_when_sampling_is_off_or_the_sdk_disabled() {
        assertThat(kept(Map.of(), 20)).isEqualTo(20);
        assertThat(kept(Map.of("OTEL_TRACES_SAMPLER", "always_off"), 20)).isZero();
        assertThat(kept(Map.of("OTEL_SDK_DISABLED", "true"), 20)).isZero();
    }

    @Test
    void should_keep_about_the_ratio_of_traces_the_sampler_argument_asks_for() {
        int kept =
                kept(Map.of("OTEL_TRACES_SAMPLER", "parentbased_traceidratio", "OTEL_TRACES_SAMPLER_ARG", "0.25"), 400);
        assertThat(kept).isBetween(60, 140); // 100 expected; trace ids are random
    }

    @Test
    void should_refuse_an_unknown_sampler_or_a_ratio_outside_0_to_1_naming_the_variable() {
        assertThatThrownBy(() -> Tracing.sampler(Map.of("OTEL_TRACES_SAMPLER", "sometimes")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("OTEL_TRACES_SAMPLER must be one of")
                .hasMessageContaining("sometimes");
        assertThatThrownBy(() -> Tracing.sampler(
                        Map.of("OTEL_TRACES_SAMPLER", "traceidratio", "OTEL_TRACES_SAMPLER_ARG", "1.5")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("OTEL_TRACES_SAMPLER_ARG must be a ratio from 0 to 1");
    }
}
