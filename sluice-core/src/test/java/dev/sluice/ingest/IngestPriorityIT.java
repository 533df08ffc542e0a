package dev.sluice.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.IngestOptions;
import dev.sluice.Ingester;
import dev.sluice.core.Niceness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ingestion run yields the CPU to searches: its threads (here, the embedding threads that report
 * progress) work at the configured nice value below the process, and the caller's thread is untouched.
 */
class IngestPriorityIT {
    @TempDir
    Path work;

    @Test
    void should_run_the_embedding_threads_below_the_process_priority_by_the_niceness() throws Exception {
        assumeTrue(Niceness.supported(), "thread priorities are lowered on Linux only");
        int process = Niceness.ofCurrentThread().orElseThrow();
        assumeTrue(process <= Niceness.LOWEST - 6, "the test process already runs at nice " + process);

        assertThat(niceValuesOfARun(6)).containsExactly(process + 6);
        assertThat(Niceness.ofCurrentThread()).as("the caller's thread").contains(process);
        assertThat(niceValuesOfARun(0)).as("niceness 0: not lowered").containsExactly(process);
    }

    private Set<Integer> niceValuesOfARun(int niceness) throws Exception {
        Path docs = Files.createDirectories(work.resolve("docs-" + niceness));
        for (int i = 0; i < 3; i++) {
            Files.writeString(
                    docs.resolve("note-" + i + ".md"),
                    "# Note " + i + "\n\nSluices hold water back until the gate opens, note " + i + ".\n",
                    StandardCharsets.UTF_8);
        }
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        IngestOptions options = IngestOptions.defaults(List.of(docs), work.resolve("index-" + niceness))
                .withNiceness(niceness);
        try (Ingester ingester = new Ingester(options)) {
            IngestReport report =
                    ingester.run(progress -> Niceness.ofCurrentThread().ifPresent(seen::add));
            assertThat(report.ingested()).isEqualTo(3);
        }
        return seen;
    }
}
