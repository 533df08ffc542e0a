package dev.sluice.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distribution archive, unpacked into a clean folder and run without a JDK (runs with -Pdist). */
class DistArchiveIT {
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(8);

    @TempDir
    Path temp;

    @Test
    void should_ingest_and_search_with_its_own_runtime_when_unpacked_into_an_empty_folder_without_java_home()
            throws Exception {
        Path archive = Artifacts.required("sluice.dist.archive", "./mvnw -Pdist verify");
        String version = System.getProperty("sluice.version");
        assertThat(archive.resolveSibling(archive.getFileName().toString().replace(".tar.gz", ".zip")))
                .as("the zip beside the tar.gz")
                .isRegularFile();

        Artifacts.untar(archive, temp.resolve("unpacked"));
        Path app = temp.resolve("unpacked").resolve("sluice-" + version);
        Path launcher = app.resolve("bin/sluice");
        assertThat(launcher).isExecutable();
        assertThat(app.resolve("runtime/bin/java")).isExecutable();
        assertThat(app.resolve("runtime/bin/javac")).as("a runtime, not a JDK").doesNotExist();
        assertThat(Files.readString(app.resolve("runtime/release"), StandardCharsets.UTF_8))
                .contains("jdk.incubator.vector", "java.sql", "jdk.crypto.ec")
                .doesNotContain("jdk.compiler");
        assertThat(app.resolve("lib/sluice-cli-" + version + ".jar")).isRegularFile();
        String classpath = Files.readString(app.resolve("lib/classpath"), StandardCharsets.UTF_8)
                .strip();
        assertThat(classpath.split(":"))
                .as("lib/classpath names the jars of lib/, in Maven's order")
                .hasSizeGreaterThan(100)
                .allSatisfy(entry -> assertThat(Path.of(entry.replace("@APP_HOME@", app.toString())))
                        .isRegularFile());
        assertThat(classpath).startsWith("@APP_HOME@/lib/sluice-cli-" + version + ".jar:");
        assertThat(Files.readString(app.resolve("lib/jvm.args"), StandardCharsets.UTF_8))
                .contains("--add-modules jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED");

        Path home = Files.createDirectories(temp.resolve("home"));
        Path work = Files.createDirectories(temp.resolve("work"));
        Path docs = Artifacts.fixtureDocuments(temp);
        Map<String, String> environment = new HashMap<>(Artifacts.minimalEnvironment());
        environment.put("HOME", home.toString());

        Artifacts.Run versionRun = Artifacts.run(
                        List.of(launcher.toString(), "--version"), work, environment, COMMAND_TIMEOUT)
                .assertSucceeded();
        assertThat(versionRun.output())
                .contains("sluice " + version)
                .contains("Java " + Runtime.version().feature());

        Artifacts.run(List.of(launcher.toString(), "ingest", docs.toString()), work, environment, COMMAND_TIMEOUT)
                .assertSucceeded();
        assertThat(work.resolve(".sluice/index"))
                .as("the index in the working folder")
                .isDirectory();

        Artifacts.Run search = Artifacts.run(
                        List.of(launcher.toString(), "search", "--json", "who trims the lamp wick"),
                        work,
                        environment,
                        COMMAND_TIMEOUT)
                .assertSucceeded();
        assertThat(search.output())
                .contains("\"rank\" : 1")
                .containsSubsequence("lighthouse.md", "bread.md")
                .contains("\"model\" : \"bge-small-en-v1.5-q\"");
    }
}
