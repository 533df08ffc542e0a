package dev.sluice.bench.regression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The slice regression ({@code regressions/scifact-train-slice.yaml}) end to end on every build:
 * the real pipeline (ONNX model, Lucene, SQLite) ingests the slice into a fresh knowledge base,
 * every mode is evaluated, and every figure must lie within its tolerance. Skipped when the shared
 * SciFact data is absent (a fresh clone has no ../shared/data).
 */
class RegressionSliceTest {
    @TempDir
    Path work;

    @Test
    void should_print_ok_for_each_metric_of_the_scifact_slice_within_tolerance() {
        Assumptions.assumeTrue(
                SharedData.resolve("scifact-train").isPresent(),
                "skipped: SciFact train is not under ../shared/data (or -Dsluice.shared.data=DIR);"
                        + " the slice regression needs it");
        RegressionFile file = RegressionFileReader.read(repositoryFile("regressions/scifact-train-slice.yaml"));

        long start = System.nanoTime();
        RegressionRunner.Outcome outcome = RegressionRunner.run(
                file, new RegressionRunner.Options(work, Runtime.getRuntime().availableProcessors()));
        double seconds = (System.nanoTime() - start) / 1e9;

        StringBuilder printed = new StringBuilder();
        outcome.lines()
                .forEach(line ->
                        printed.append(line.format(file.name().length())).append('\n'));
        printed.append(RegressionsCommand.summary(outcome))
                .append(String.format(Locale.ROOT, "; %.1f s in all%n", seconds));
        System.out.print(printed);
        assertThat(outcome.lines())
                .hasSize(
                        file.modes().stream().mapToInt(m -> m.expected().size()).sum());
        assertThat(outcome.lines())
                .as("every figure within tolerance:%n%s", printed)
                .allMatch(RegressionLine::ok);
    }

    /** A file of the repository, found from the module folder the tests run in. */
    static Path repositoryFile(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no " + relative + " in " + Path.of("").toAbsolutePath() + " or above");
    }
}
