package dev.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.cli.SluiceCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice bench dedup}: arguments checked with one line naming the option, and a small real run. */
class BenchDedupCommandTest {
    @TempDir
    Path work;

    @Test
    void should_exit_2_naming_the_option_when_the_threshold_is_out_of_range() {
        Result result = run("bench", "dedup", "--threshold", "0.3");

        assertThat(result.exit()).isEqualTo(SluiceCli.EXIT_USAGE);
        assertThat(result.err())
                .startsWith("error: --threshold: it must be between 0.5 and 1.0 (an estimated Jaccard similarity;"
                        + " 0.8 is the default), got 0.3")
                .doesNotContain("Exception");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void should_exit_2_naming_the_options_when_counts_are_not_positive() {
        Result result = run("bench", "dedup", "--chunks", "0");

        assertThat(result.exit()).isEqualTo(SluiceCli.EXIT_USAGE);
        assertThat(result.err())
                .startsWith("error: --chunks and --sample must be at least 1 and --queries at least 2, got 0, 20000"
                        + " and 10000");
    }

    @Test
    void should_exit_1_naming_the_file_when_the_corpus_is_absent() {
        Path absent = work.resolve("absent.jsonl");

        Result result = run("bench", "dedup", "--corpus", absent.toString());

        assertThat(result.exit()).isEqualTo(SluiceCli.EXIT_FAILED);
        assertThat(result.err())
                .isEqualTo("error: no BEIR corpus at " + absent + "; pass --corpus FILE (a corpus.jsonl or .jsonl.gz)"
                        + System.lineSeparator());
    }

    @Test
    void should_report_throughput_memory_and_find_latency_when_run_on_a_small_corpus() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            lines.add("{\"_id\":\"" + i + "\",\"title\":\"Study " + i + "\",\"text\":\"Sample " + i
                    + " was measured twice. The second reading of sample " + i + " differed by " + (i * 7)
                    + " units. Controls " + (i + 3) + " and " + (i + 5) + " showed no change at all.\"}");
        }
        Path corpus = Files.write(work.resolve("corpus.jsonl"), lines, StandardCharsets.UTF_8);

        Result result = run(
                "bench",
                "dedup",
                "--corpus",
                corpus.toString(),
                "--chunks",
                "500",
                "--queries",
                "40",
                "--sample",
                "50");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("500 chunks of 225 words")
                .contains("threshold 0.80: 21 bands x 6 rows")
                .contains("| SHA-256 hex (exact-duplicate key; baseline) |")
                .contains("| MinHash signature, 128 hashes |")
                .contains("index build: 500 chunks")
                .contains("heap used after a full GC")
                .containsPattern(
                        "\\| near-duplicates of indexed chunks [^|]* \\| 20 \\| .* their source, .* another chunk,"
                                + " .* nothing \\|")
                .contains("| chunks never added | 20 |");
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SluiceCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    private record Result(int exit, String out, String err) {}
}
