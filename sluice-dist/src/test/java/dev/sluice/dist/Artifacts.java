package dev.sluice.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The artifact a profile built (or a skip), and the processes the smoke tests run on it. */
final class Artifacts {
    /** A finished process: its exit code and its standard output and error, merged. */
    record Run(List<String> command, int exitCode, String output) {
        Run assertSucceeded() {
            assertThat(exitCode)
                    .as("exit code of %s; output:%n%s", String.join(" ", command), output)
                    .isZero();
            return this;
        }
    }

    private Artifacts() {}

    /**
     * The file the build's profile made, named by a system property that failsafe sets only under that
     * profile; skips (with the command that runs the test) when the property is empty.
     */
    static Path required(String property, String profileCommand) {
        String value = System.getProperty(property, "").strip();
        assumeTrue(!value.isEmpty(), () -> property + " is not set: this smoke test runs with " + profileCommand);
        Path file = Path.of(value);
        assertThat(file)
                .as("%s names %s, which the profile should have built", property, file)
                .isRegularFile();
        return file;
    }

    /** Runs a command in a folder with exactly this environment; fails the test after the timeout. */
    static Run run(List<String> command, Path workingFolder, Map<String, String> environment, Duration timeout)
            throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(workingFolder.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Path log = Files.createTempFile("sluice-dist-run-", ".log");
        try {
            builder.redirectOutput(log.toFile());
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", command) + " ran past " + timeout + "; output:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Run(command, process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Unpacks a tar file (gzip or plain, as tar detects) into a folder with the system's tar. */
    static void untar(Path archive, Path into) throws IOException, InterruptedException {
        Files.createDirectories(into);
        run(
                        List.of("tar", "-xf", archive.toString(), "-C", into.toString()),
                        into,
                        minimalEnvironment(),
                        Duration.ofMinutes(5))
                .assertSucceeded();
    }

    /** PATH for the system tools only: no JAVA_HOME, no user settings. */
    static Map<String, String> minimalEnvironment() {
        return Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8");
    }

    /** Two small Markdown documents to ingest, in a new folder. */
    static Path fixtureDocuments(Path parent) throws IOException {
        Path docs = Files.createDirectories(parent.resolve("docs"));
        Files.writeString(
                docs.resolve("lighthouse.md"),
                "# Lighthouses\n\nThe lighthouse keeper trims the lamp wick every evening before sunset.\n",
                StandardCharsets.UTF_8);
        Files.writeString(
                docs.resolve("bread.md"),
                "# Bread\n\nSourdough bread needs a starter, flour, water and salt, and a long slow rise.\n",
                StandardCharsets.UTF_8);
        return docs;
    }

    static List<String> command(String... parts) {
        return new ArrayList<>(List.of(parts));
    }
}
