package dev.sluice.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.catalog.RunRecord;
import dev.sluice.ingest.IngestReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL of an executor process ({@code local-cluster[2,1,1024]}: the run finishes on Spark's retries) and of
 * the Spark driver ({@code SparkIngest.main}, local[2], in a child JVM) once its executors have sent
 * documents to OpenSearch, then every file edited and the job run again: the writer lock (a PostgreSQL session
 * lock) died with the driver, the killed run is closed as interrupted, and index and catalog agree exactly.
 */
class SparkCrashEngineIT {
    private static final int DOCUMENTS = 40;

    @TempDir
    Path work;

    @Test
    void should_close_the_killed_run_and_leave_index_and_catalog_in_agreement_when_the_driver_is_killed_mid_run()
            throws Exception {
        Path docs = Files.createDirectories(work.resolve("docs"));
        for (int i = 0; i < DOCUMENTS; i++) {
            Files.writeString(docs.resolve("doc-" + i + ".md"), document(i), StandardCharsets.UTF_8);
        }
        try (ScaleOutKb kb = new ScaleOutKb(work.resolve("kb"), docs, "")) {
            Process driver = start(kb.config);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
            while (!(RunRecord.RUNNING.equals(kb.runStatus(1)) && kb.chunkWrites() > 0)) {
                assertThat(driver.isAlive())
                        .as("the driver ended before it could be killed: %s", log())
                        .isTrue();
                assertThat(System.nanoTime())
                        .as("no chunk sent within 4 minutes")
                        .isLessThan(deadline);
                Thread.sleep(200);
            }
            driver.destroyForcibly(); // SIGKILL on Linux
            driver.waitFor();
            assertThat(kb.runStatus(1)).isEqualTo(RunRecord.RUNNING);
            assertThat(kb.catalogChunks())
                    .as("nothing reaches the catalog before the commit")
                    .isEmpty();
            for (int i = 0; i < DOCUMENTS; i++) { // every chunk the killed run sent is now stale
                Files.writeString(
                        docs.resolve("doc-" + i + ".md"),
                        "\nEdited after the crash: revision two of document " + i + ".\n",
                        StandardCharsets.UTF_8,
                        StandardOpenOption.APPEND);
            }

            SparkSession spark = SparkSession.builder()
                    .master("local[2]")
                    .appName("sluice-spark-crash-test")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .getOrCreate();
            IngestReport again;
            try {
                again = new SparkIngest().run(spark, SparkIngest.Options.of(kb.config));
            } finally {
                spark.stop();
            }
            assertThat(again.ingested()).isEqualTo(DOCUMENTS);
            assertThat(kb.runStatus(1)).isEqualTo(RunRecord.INTERRUPTED);
            assertThat(kb.runStatus(again.runId())).isEqualTo(RunRecord.OK);
            List<String> catalog = List.copyOf(kb.catalogChunks().keySet());
            assertThat(catalog).hasSize(again.chunks());
            assertThat(kb.indexedChunkIds()).isEqualTo(catalog);
            assertThat(kb.visibleChunks()).isEqualTo(catalog.size());
        }
    }

    @Test
    void should_finish_the_run_with_index_and_catalog_in_agreement_when_an_executor_process_is_killed_mid_run()
            throws Exception {
        Path docs = Files.createDirectories(work.resolve("docs"));
        for (int i = 0; i < DOCUMENTS; i++) {
            Files.writeString(docs.resolve("doc-" + i + ".md"), document(i), StandardCharsets.UTF_8);
        }
        try (ScaleOutKb kb = new ScaleOutKb(work.resolve("kb"), docs, "")) {
            Process driver = start(kb.config, "local-cluster[2,1,1024]");
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
            while (!(RunRecord.RUNNING.equals(kb.runStatus(1)) && kb.chunkWrites() > 0)) {
                assertThat(driver.isAlive())
                        .as("the driver ended before an executor could be killed: %s", log())
                        .isTrue();
                assertThat(System.nanoTime())
                        .as("no chunk sent within 4 minutes")
                        .isLessThan(deadline);
                Thread.sleep(200);
            }
            ProcessHandle executor = driver.toHandle()
                    .children()
                    .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no executor process under the driver: " + log()));
            executor.destroyForcibly(); // SIGKILL: Spark runs its tasks again elsewhere
            assertThat(driver.waitFor(6, TimeUnit.MINUTES)).isTrue();
            assertThat(driver.exitValue()).as(log()).isZero();
            assertThat(executor.isAlive()).isFalse();
            assertThat(log()).contains("Lost executor");
            assertThat(kb.runStatus(1)).isEqualTo(RunRecord.OK);
            List<String> catalog = List.copyOf(kb.catalogChunks().keySet());
            assertThat(kb.documents()).hasSize(DOCUMENTS);
            assertThat(kb.indexedChunkIds()).isEqualTo(catalog).isNotEmpty();
        }
    }

    private Process start(Path config) throws IOException {
        return start(config, "local[2]");
    }

    /**
     * The driver in a child JVM. {@code local-cluster} starts executor processes, which Spark builds from
     * {@code SPARK_HOME/jars}: a folder of links to this class path's jars stands in for a distribution.
     */
    private Process start(Path config, String master) throws IOException {
        List<String> classes = new ArrayList<>();
        Path home = work.resolve("spark-home");
        Files.createDirectories(home.resolve("jars"));
        Files.writeString(home.resolve("RELEASE"), "links to the test class path\n");
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            if (entry.endsWith(".jar")) {
                Path link = home.resolve("jars").resolve(path.getFileName());
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, path.toAbsolutePath());
                }
            } else {
                classes.add(entry);
            }
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules",
                "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED",
                "-Dspark.master=" + master,
                "-Dspark.executor.extraClassPath=" + String.join(java.io.File.pathSeparator, classes),
                "-Dspark.executor.extraJavaOptions=--add-modules=jdk.incubator.vector"
                        + " --enable-native-access=ALL-UNNAMED",
                "-Dspark.ui.enabled=false",
                "-Dspark.driver.host=127.0.0.1",
                "-Dspark.driver.bindAddress=127.0.0.1",
                "-cp",
                System.getProperty("java.class.path"),
                SparkIngest.class.getName(),
                config.toString(),
                "--wave",
                "8",
                "--partitions",
                "4"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("SPARK_HOME", home.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        return builder.redirectErrorStream(true)
                .redirectOutput(work.resolve("driver.log").toFile())
                .start();
    }

    private String log() {
        try {
            return Files.readString(work.resolve("driver.log"));
        } catch (IOException e) {
            return "(no driver log: " + e.getMessage() + ")";
        }
    }

    private static String document(int i) {
        StringBuilder md = new StringBuilder("# Document " + i + "\n\n");
        for (int p = 0; p < 12; p++) {
            md.append(String.format(
                    Locale.ROOT,
                    "Paragraph %d of document %d describes canal locks, gates and the water they hold back, in"
                            + " the words of keeper %d, who counted %d boats that season.\n\n",
                    p,
                    i,
                    (i * 7 + p) % 13,
                    i * 31 + p));
        }
        return md.toString();
    }
}
