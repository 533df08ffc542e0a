package dev.sluice.bench.regression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.cli.SluiceCli;
import dev.sluice.testkit.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice bench regressions} refuses bad files with one line naming file and key, never a stack trace
 * (exit 1), and exits 3 when a figure is off its expectation.
 */
class RegressionsCommandTest {
    private static final String FILE = """
            name: broken
            dataset: DATASET
            split: train
            index: {model: bge-small-en-v1.5-q, maxChunkTokens: 256, overlapTokens: 32}
            modes:
              bm25:
                tolerance: TOLERANCE
                expected: {ndcg@10: 0.7003}
            """;

    @TempDir
    Path work;

    @Test
    void should_exit_1_naming_file_and_key_when_a_tolerance_is_bad() throws Exception {
        Path file = write(
                "bad-tolerance.yaml", FILE.replace("DATASET", "scifact-train").replace("TOLERANCE", "1.5"));

        Result result = run(
                "bench",
                "regressions",
                file.toString(),
                "--work",
                work.resolve("kb").toString());

        assertThat(result.exit()).isEqualTo(SluiceCli.EXIT_FAILED);
        assertThat(result.err())
                .isEqualTo("error: " + file + ": key 'modes.bm25.tolerance': must be >= 0 and < 1, got 1.5;"
                        + " write e.g. 0.0005" + System.lineSeparator());
        assertThat(result.out()).isEmpty();
    }

    @Test
    void should_exit_1_naming_the_dataset_key_when_the_data_set_is_absent() throws Exception {
        Path file = write(
                "absent-data.yaml", FILE.replace("DATASET", "no-such-data-set").replace("TOLERANCE", "0.0005"));

        Result result = run(
                "bench",
                "regressions",
                file.toString(),
                "--work",
                work.resolve("kb").toString());

        assertThat(result.exit()).isEqualTo(SluiceCli.EXIT_FAILED);
        assertThat(result.err())
                .startsWith("error: " + file
                        + ": key 'dataset': no folder 'no-such-data-set' here or under the shared data")
                .contains("-Dsluice.shared.data=DIR")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void should_exit_3_printing_fail_when_a_figure_is_off_its_expectation() throws Exception {
        Path file = write(
                "off.yaml",
                FILE.replace("DATASET", Fixtures.tinyBeir().toString())
                        .replace("split: train", "split: test")
                        .replace("TOLERANCE", "0.0005")
                        .replace("0.7003", "0.0001"));

        Result result = run(
                "bench",
                "regressions",
                file.toString(),
                "--work",
                work.resolve("kb").toString());

        assertThat(result.exit()).as(result.err()).isEqualTo(SluiceCli.EXIT_CHECK_FAILED);
        assertThat(result.out()).contains("FAIL").contains("1 FAIL");
    }

    private Path write(String name, String text) throws Exception {
        Path file = work.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private record Result(int exit, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SluiceCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }
}
