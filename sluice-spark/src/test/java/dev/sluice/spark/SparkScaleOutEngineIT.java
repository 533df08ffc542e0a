package dev.sluice.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.KnowledgeBase;
import dev.sluice.catalog.RunRecord;
import dev.sluice.core.SluiceException;
import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.ingest.RunOptions;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job on a real local[2] Spark (four attempts per task) with the real model onto the development
 * OpenSearch and PostgreSQL (executors write their documents, the driver commits and publishes), against a
 * sync of the same folder by the front door into another knowledge base on the same engines.
 */
class SparkScaleOutEngineIT {
    private static SparkSession spark;

    @TempDir
    Path work;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder()
                .master("local[2,4]")
                .appName("sluice-spark-scale-out-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void should_index_what_a_sync_indexes_record_the_run_and_skip_or_redo_only_changes_when_on_opensearch_and_postgres()
            throws IOException {
        Path docs = fixture();
        String lineage =
                "lineage:\n  transport: file\n  path: " + work.resolve("lineage.jsonl") + "\n  job: handbook.spark\n";
        try (ScaleOutKb synced = new ScaleOutKb(work.resolve("synced"), docs, "");
                ScaleOutKb sparked = new ScaleOutKb(work.resolve("sparked"), docs, lineage)) {
            IngestReport local = sync(synced);
            IngestReport first = new SparkIngest().run(spark, SparkIngest.Options.of(sparked.config));

            assertThat(first.seen()).isEqualTo(local.seen()).isEqualTo(6);
            assertThat(first.ingested()).isEqualTo(local.ingested());
            assertThat(first.quarantined()).hasSameSizeAs(local.quarantined());
            assertThat(first.chunks()).isEqualTo(local.chunks()).isPositive();
            assertThat(sparked.catalogChunks()).isEqualTo(synced.catalogChunks());
            assertThat(sparked.documents()).isEqualTo(synced.documents());
            assertThat(sparked.indexedChunkIds())
                    .isEqualTo(List.copyOf(sparked.catalogChunks().keySet()))
                    .hasSize(first.chunks());
            assertThat(search(sparked, "parental leave"))
                    .isEqualTo(search(synced, "parental leave"))
                    .isNotEmpty();
            try (var catalog = sparked.openCatalog()) {
                RunRecord run = catalog.runs(1).getFirst();
                assertThat(run.id()).isEqualTo(first.runId());
                assertThat(run.status()).isEqualTo(RunRecord.OK);
                assertThat(run.counts().chunks()).isEqualTo(local.chunks());
            }
            assertThat(Files.readAllLines(work.resolve("lineage.jsonl")))
                    .satisfiesExactly(
                            start -> assertThat(start).contains("\"eventType\":\"START\"", "handbook.spark"),
                            complete -> assertThat(complete).contains("\"eventType\":\"COMPLETE\""));

            IngestReport second = new SparkIngest().run(spark, SparkIngest.Options.of(sparked.config));
            assertThat(second.ingested()).isZero();
            assertThat(second.unchanged()).isEqualTo(first.ingested());
            assertThat(second.embeddingsComputed()).isZero();

            Path notes = docs.resolve("notes.txt");
            Files.writeString(
                    notes,
                    "\nParental leave is now twenty weeks for every parent.\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
            Files.setLastModifiedTime(
                    notes, FileTime.fromMillis(Files.getLastModifiedTime(notes).toMillis() + 5_000));
            IngestReport third = new SparkIngest().run(spark, SparkIngest.Options.of(sparked.config));
            assertThat(third.ingested()).isEqualTo(1);
            assertThat(third.unchanged()).isEqualTo(first.ingested() - 1);
            assertThat(sparked.indexedChunkIds())
                    .isEqualTo(List.copyOf(sparked.catalogChunks().keySet()));
            assertThat(sync(synced).ingested()).isEqualTo(1);
            assertThat(sparked.catalogChunks()).isEqualTo(synced.catalogChunks());
            assertThat(search(sparked, "twenty weeks")).first().asString().contains("notes.txt ");
        }
    }

    @Test
    void should_give_the_result_of_a_clean_run_when_a_task_fails_once_and_spark_retries_it_on_opensearch()
            throws IOException {
        Path docs = fixture();
        try (ScaleOutKb clean = new ScaleOutKb(work.resolve("clean"), docs, "");
                ScaleOutKb retried = new ScaleOutKb(work.resolve("retried"), docs, "")) {
            IngestReport cleanRun = new SparkIngest().run(spark, SparkIngest.Options.of(clean.config));
            IngestReport retriedRun = new SparkIngestEngineIT.FailingFirstAttempt()
                    .run(spark, SparkIngest.Options.of(retried.config).withPartitions(3));

            assertThat(SparkIngestEngineIT.FailingFirstAttempt.failures()).isPositive();
            assertThat(retriedRun.chunks()).isEqualTo(cleanRun.chunks());
            assertThat(retried.catalogChunks()).isEqualTo(clean.catalogChunks());
            assertThat(retried.indexedChunkIds())
                    .isEqualTo(List.copyOf(retried.catalogChunks().keySet()));
        }
    }

    @Test
    void should_delete_what_the_executors_sent_and_publish_nothing_when_a_later_wave_fails() throws IOException {
        Path docs = fixture();
        try (ScaleOutKb kb = new ScaleOutKb(work.resolve("failing"), docs, "")) {
            FailingAfterFirstWave.PARTITIONS.set(0);
            SparkIngest failing = new SparkIngest() {
                @Override
                protected PartitionTask task(PartitionTask.Spec spec, Broadcast<String> signatures) {
                    return new FailingAfterFirstWave(spec, signatures);
                }
            };
            SparkIngest.Options threeAtATime = new SparkIngest.Options(kb.config, 3, null, java.util.Map.of(), 3);

            assertThatThrownBy(() -> failing.run(spark, threeAtATime))
                    .isInstanceOf(SluiceException.class)
                    .hasMessageContaining("failed after its retries");
            assertThat(FailingAfterFirstWave.PARTITIONS.get()).isGreaterThan(3); // the first wave was sent
            assertThat(kb.indexedChunkIds())
                    .as("chunks of the failed run, even after a refresh")
                    .isEmpty();
            assertThat(kb.catalogChunks()).isEmpty();

            IngestReport next = new SparkIngest().run(spark, SparkIngest.Options.of(kb.config));
            assertThat(next.unchanged()).isZero();
            assertThat(kb.indexedChunkIds())
                    .isEqualTo(List.copyOf(kb.catalogChunks().keySet()));
        }
    }

    /** Writes the first wave's three partitions, then fails every partition on every attempt. */
    static final class FailingAfterFirstWave extends PartitionTask {
        @java.io.Serial
        private static final long serialVersionUID = 1L;

        static final AtomicInteger PARTITIONS = new AtomicInteger();

        FailingAfterFirstWave(PartitionTask.Spec spec, Broadcast<String> signatures) {
            super(spec, signatures);
        }

        @Override
        protected void beforePartition() {
            if (PARTITIONS.incrementAndGet() > 3) {
                throw new IllegalStateException("executor lost for good (injected by the test)");
            }
        }
    }

    private static IngestReport sync(ScaleOutKb kb) {
        try (KnowledgeBase base = KnowledgeBase.open(kb.effective())) {
            return base.sync(base.configuredRun(RunOptions.DEFAULTS), ProgressListener.NONE);
        }
    }

    private static List<String> search(ScaleOutKb kb, String query) {
        try (KnowledgeBase base = KnowledgeBase.open(kb.effective())) {
            return base.search(new SearchRequest(query, SearchMode.HYBRID, 5, null)).stream()
                    .map(hit -> hit.path() + " " + hit.chunkId())
                    .toList();
        }
    }

    private Path fixture() throws IOException {
        Path docs = Files.createDirectories(work.resolve("docs"));
        try (Stream<Path> files = Files.list(Path.of("../sluice-core/src/test/resources/docs"))) {
            for (Path f : files.toList()) {
                Files.copy(f, docs.resolve(f.getFileName().toString()));
            }
        }
        return docs;
    }
}
