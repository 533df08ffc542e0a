package dev.sluice.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.KnowledgeBase;
import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.catalog.RunRecord;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.core.SluiceException;
import dev.sluice.index.LuceneIndex;
import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.ingest.RunOptions;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import dev.sluice.sqlite.SqliteCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job on a real local[2] Spark (two executor threads, four attempts per task), the real ONNX
 * model, Lucene and SQLite, over the core's fixture folder (Markdown, HTML, PDF, DOCX, text), against a
 * sync of the same folder by the front door.
 */
class SparkIngestEngineIT {
    private static SparkSession spark;

    @TempDir
    Path work;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder()
                .master("local[2,4]")
                .appName("sluice-spark-test")
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
    void should_index_the_chunks_and_counts_of_a_local_sync_and_record_the_run_when_run_on_two_executors()
            throws IOException {
        Path docs = fixture();
        IngestReport local = localSync(config("local", docs));
        String lineage = "lineage:\n  transport: file\n  path: lineage.jsonl\n  job: handbook.spark\n";
        IngestReport distributed = new SparkIngest().run(spark, SparkIngest.Options.of(config("spark", docs, lineage)));

        assertThat(distributed.seen()).isEqualTo(local.seen()).isEqualTo(6);
        assertThat(distributed.ingested()).isEqualTo(local.ingested());
        assertThat(distributed.quarantined()).hasSameSizeAs(local.quarantined());
        assertThat(distributed.chunks()).isEqualTo(local.chunks()).isPositive();
        assertThat(distributed.embeddingsComputed()).isEqualTo(local.embeddingsComputed());
        assertThat(chunks(work.resolve("spark-index"))).isEqualTo(chunks(work.resolve("local-index")));
        assertThat(documents(work.resolve("spark-index"))).isEqualTo(documents(work.resolve("local-index")));
        assertThat(search(config("spark", docs), "parental leave"))
                .isEqualTo(search(config("local", docs), "parental leave"))
                .isNotEmpty();
        try (SqliteCatalog catalog = SqliteCatalog.openExisting(work.resolve("spark-index"))) {
            RunRecord run = catalog.runs(1).getFirst();
            assertThat(run.id()).isEqualTo(distributed.runId());
            assertThat(run.status()).isEqualTo(RunRecord.OK);
            assertThat(run.counts().ingested()).isEqualTo(local.ingested());
            assertThat(run.counts().chunks()).isEqualTo(local.chunks());
        }
        assertThat(Files.readAllLines(work.resolve("lineage.jsonl"))) // the run's OpenLineage events, as a sync's
                .hasSize(2)
                .satisfiesExactly(
                        start -> assertThat(start).contains("\"eventType\":\"START\"", "handbook.spark"),
                        complete -> assertThat(complete).contains("\"eventType\":\"COMPLETE\"", "handbook.spark"));
        assertThat(ExecutorResources.modelLoads()).isEqualTo(1); // one JVM: driver and executors share it
    }

    @Test
    void should_skip_every_unchanged_document_and_reingest_only_a_changed_file_when_run_again() throws IOException {
        Path docs = fixture();
        Path yaml = config("spark", docs);
        IngestReport first = new SparkIngest().run(spark, SparkIngest.Options.of(yaml));
        Map<String, String> before = chunks(work.resolve("spark-index"));

        IngestReport second = new SparkIngest().run(spark, SparkIngest.Options.of(yaml));
        assertThat(second.ingested()).isZero();
        assertThat(second.unchanged()).isEqualTo(first.ingested());
        assertThat(second.embeddingsComputed()).isZero();
        assertThat(chunks(work.resolve("spark-index"))).isEqualTo(before);

        Path notes = docs.resolve("notes.txt");
        Files.writeString(
                notes,
                "\nParental leave is now twenty weeks for every parent.\n",
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        Files.setLastModifiedTime(
                notes, FileTime.fromMillis(Files.getLastModifiedTime(notes).toMillis() + 5_000));
        IngestReport third = new SparkIngest().run(spark, SparkIngest.Options.of(yaml));
        assertThat(third.ingested()).isEqualTo(1);
        assertThat(third.unchanged()).isEqualTo(first.ingested() - 1);
        assertThat(chunks(work.resolve("spark-index"))).isNotEqualTo(before);
        assertThat(search(yaml, "twenty weeks")).first().asString().contains("notes.txt ");
    }

    @Test
    void should_give_the_result_of_a_clean_run_when_a_task_fails_once_and_spark_retries_it() throws IOException {
        Path docs = fixture();
        IngestReport clean = new SparkIngest().run(spark, SparkIngest.Options.of(config("clean", docs)));
        IngestReport retried = new FailingFirstAttempt().run(spark, SparkIngest.Options.of(config("retried", docs)));

        assertThat(FailingFirstAttempt.failures()).isPositive();
        assertThat(retried.ingested()).isEqualTo(clean.ingested());
        assertThat(retried.chunks()).isEqualTo(clean.chunks());
        assertThat(chunks(work.resolve("retried-index"))).isEqualTo(chunks(work.resolve("clean-index")));
    }

    @Test
    void should_let_the_executors_write_and_the_driver_only_publish_when_the_index_backend_is_shared()
            throws IOException {
        Path docs = fixture();
        IngestReport local = localSync(config("local", docs));
        SharedLuceneProvider.WRITER_THREADS.clear();
        IngestReport shared = new SparkIngest()
                .run(spark, new SparkIngest.Options(config("shared", docs), 0, SharedLuceneProvider.NAME, Map.of(), 3));

        assertThat(shared.ingested()).isEqualTo(local.ingested());
        assertThat(shared.chunks()).isEqualTo(local.chunks());
        assertThat(chunks(work.resolve("shared-index"))).isEqualTo(chunks(work.resolve("local-index")));
        assertThat(SharedLuceneProvider.WRITER_THREADS)
                .hasSize(local.ingested())
                .allMatch(thread -> thread.startsWith("Executor task launch worker"), "an executor's thread");
        SharedLuceneProvider.closeAll();
        try (LuceneIndex written =
                LuceneIndex.openForReading(work.resolve("shared-index").resolve("shared"))) {
            assertThat(written.chunkCount()).isEqualTo(local.chunks());
        }
    }

    @Test
    void should_record_a_failed_run_commit_nothing_and_redo_every_document_next_time_when_every_attempt_fails()
            throws IOException {
        Path docs = fixture();
        Path yaml = config("failing", docs);
        SparkIngest failing = new SparkIngest() {
            @Override
            protected PartitionTask task(PartitionTask.Spec spec, Broadcast<String> signatures) {
                return new AlwaysFailing(spec, signatures);
            }
        };

        assertThatThrownBy(() -> failing.run(spark, SparkIngest.Options.of(yaml)))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("the Spark job of run 1 failed after its retries")
                .hasMessageContaining("nothing of this run was committed");
        try (SqliteCatalog catalog = SqliteCatalog.openExisting(work.resolve("failing-index"))) {
            assertThat(catalog.runs(1).getFirst().status()).isEqualTo(RunRecord.FAILED);
            assertThat(catalog.documents()).isEmpty();
        }
        IngestReport next = new SparkIngest().run(spark, SparkIngest.Options.of(yaml));
        assertThat(next.ingested()).isEqualTo(next.seen() - next.quarantined().size());
        assertThat(next.unchanged()).isZero();
    }

    /** A task that fails on every attempt, as a document that kills its executor each time would. */
    static final class AlwaysFailing extends PartitionTask {
        @java.io.Serial
        private static final long serialVersionUID = 1L;

        AlwaysFailing(PartitionTask.Spec spec, Broadcast<String> signatures) {
            super(spec, signatures);
        }

        @Override
        protected void beforePartition() {
            throw new IllegalStateException("executor lost again (injected by the test)");
        }
    }

    /** The job with a task that throws on its first attempt of every partition, as a lost executor would. */
    static final class FailingFirstAttempt extends SparkIngest {
        private static final java.util.concurrent.atomic.AtomicInteger FAILURES =
                new java.util.concurrent.atomic.AtomicInteger();

        static int failures() {
            return FAILURES.get();
        }

        @Override
        protected PartitionTask task(PartitionTask.Spec spec, Broadcast<String> signatures) {
            return new FailingTask(spec, signatures);
        }

        /** Throws on the first attempt of each partition (a static class: the task travels alone). */
        static final class FailingTask extends PartitionTask {
            @java.io.Serial
            private static final long serialVersionUID = 1L;

            FailingTask(PartitionTask.Spec spec, Broadcast<String> signatures) {
                super(spec, signatures);
            }

            @Override
            protected void beforePartition() {
                if (TaskContext.get().attemptNumber() == 0) {
                    FAILURES.incrementAndGet();
                    throw new IllegalStateException("executor lost (injected by the test)");
                }
            }
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

    private Path config(String name, Path docs) throws IOException {
        return config(name, docs, "");
    }

    /** A sluice.yaml indexing {@code docs} into {@code NAME-index}, with {@code extra} sections. */
    private Path config(String name, Path docs, String extra) throws IOException {
        Path yaml = work.resolve(name + ".yaml");
        if (!Files.exists(yaml)) {
            Files.writeString(
                    yaml,
                    "index: " + name + "-index\nsources:\n  - name: handbook\n    path: " + docs + "\n" + extra,
                    StandardCharsets.UTF_8);
        }
        return yaml;
    }

    private static EffectiveConfig effective(Path yaml) {
        return EffectiveConfig.resolve(ConfigLoader.load(yaml), Flags.NONE);
    }

    private static IngestReport localSync(Path yaml) {
        try (KnowledgeBase kb = KnowledgeBase.open(effective(yaml))) {
            return kb.sync(kb.configuredRun(RunOptions.DEFAULTS), ProgressListener.NONE);
        }
    }

    private static List<String> search(Path yaml, String query) {
        try (KnowledgeBase kb = KnowledgeBase.open(effective(yaml))) {
            return kb.search(new SearchRequest(query, SearchMode.HYBRID, 5, null)).stream()
                    .map(hit -> hit.documentUri() + " " + hit.chunkId())
                    .toList();
        }
    }

    /** Every chunk id of the catalog with its content hash. */
    private static Map<String, String> chunks(Path index) {
        Map<String, String> out = new TreeMap<>();
        try (SqliteCatalog catalog = SqliteCatalog.openExisting(index)) {
            for (String uri : catalog.documents().keySet()) {
                for (Catalog.ChunkRow row : catalog.chunks(uri)) {
                    out.put(row.id(), row.contentHash());
                }
            }
        }
        return out;
    }

    /** Every document with its state, content hash and chunk count. */
    private static Map<String, String> documents(Path index) {
        Map<String, String> out = new TreeMap<>();
        try (SqliteCatalog catalog = SqliteCatalog.openExisting(index)) {
            for (DocumentRecord d : catalog.documents().values()) {
                out.put(d.uri(), d.status() + " " + d.contentHash() + " " + d.chunkCount() + " " + d.reason());
            }
        }
        return out;
    }
}
