package dev.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.retrieve.SearchMode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice bench serve} end to end on a tiny generated knowledge base, seconds per phase: every
 * phase sends requests and gets no error, the sync runs beside the load, the soak samples the heap,
 * and the report has each phase's figures and the targets. Speed is not asserted.
 */
class ServeBenchmarkIT {
    @TempDir
    Path work;

    @Test
    void should_measure_every_phase_without_errors_and_reuse_the_knowledge_base() throws Exception {
        Path index = work.resolve("index");
        StringWriter text = new StringWriter();
        ServeBenchmark.Result result = ServeBenchmark.measure(
                new ServeBenchmark.Options(
                        index,
                        null,
                        120,
                        SearchMode.HYBRID,
                        5,
                        Duration.ofSeconds(1),
                        100_000,
                        4,
                        40,
                        Duration.ofMillis(1500),
                        Duration.ofSeconds(1),
                        200,
                        null,
                        3,
                        1,
                        10),
                new PrintWriter(text, true));
        String report = text.toString();
        System.out.println(report); // kept in target/failsafe-reports for a look at the figures

        assertThat(result.chunks()).isGreaterThanOrEqualTo(120);
        assertThat(result.phases()).hasSize(5);
        for (LoadGenerator.Result phase : result.phases()) {
            assertThat(phase.requests()).as(phase.label()).isPositive();
            assertThat(phase.errors()).as(phase.label()).isEmpty();
            assertThat(phase.millis(99)).as(phase.label()).isPositive();
        }
        assertThat(result.idleSync().rounds()).isPositive();
        assertThat(result.idleSync().embeddingsComputed()).isPositive();
        assertThat(result.sync().rounds()).isPositive();
        assertThat(result.sync().failures()).isEmpty();
        assertThat(result.heapMib()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(report)
                .contains("knowledge base built in")
                .contains("| 1. in-process baseline")
                .contains("| 2. HTTP closed loop, 4 clients |")
                .contains("| 3. HTTP open loop at 40/s |")
                .contains("| 4. HTTP open loop at 40/s, sync running |")
                .contains("| 5. soak")
                .contains("HTTP beside the in-process baseline")
                .contains("sync alone, no searches:")
                .contains("sync during phase 4:")
                .contains("the sync under the load keeps >= 40% of its rate alone (niceness 10, 1 embedding threads)")
                .contains("targets (issue: 2 cores, >= 100,000 chunks)")
                .contains("- no heap growth over the soak");

        ServeKnowledgeBase.Loaded again =
                ServeKnowledgeBase.ensure(index, null, 120, new PrintWriter(new StringWriter()));
        assertThat(again.built()).isFalse();
        assertThat(again.chunks()).isGreaterThanOrEqualTo(result.chunks());
    }
}
