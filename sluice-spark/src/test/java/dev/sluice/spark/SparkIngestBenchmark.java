package dev.sluice.spark;

import dev.sluice.KnowledgeBase;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.core.AccessList;
import dev.sluice.core.ItemFailure;
import dev.sluice.embed.Embedder;
import dev.sluice.embed.OnnxEmbedder;
import dev.sluice.ingest.DocumentProcessor;
import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.ingest.RunOptions;
import dev.sluice.source.SourceItem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.spark.sql.SparkSession;

/**
 * Ingestion throughput of the Spark job in {@code local[1]} and {@code local[2]} beside the embedded sync
 * ({@code KnowledgeBase.sync}, its default threads, at niceness 0 like the job) and the raw model rate (one thread embedding the corpus'
 * chunk texts), on one generated corpus, in one JVM. Each run starts from an empty index, so every chunk
 * is embedded. Not a test: run it with the test class path,
 *
 * <pre>
 * java $FLAGS -cp "$(cat target/test-classpath.txt):target/classes:target/test-classes" \
 *   dev.sluice.spark.SparkIngestBenchmark [DOCUMENTS] [WORK_DIR]
 * </pre>
 */
public final class SparkIngestBenchmark {
    private static final String[] WORDS = ("leave policy parental employee manager contract salary review office"
                    + " remote travel expense claim approval holiday sick note doctor week month year team project"
                    + " budget report quarter revenue customer support ticket priority security password access"
                    + " device laptop network training course certificate onboarding benefit pension insurance")
            .split(" ");

    private SparkIngestBenchmark() {}

    public static void main(String[] args) throws IOException {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path work = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("sluice-spark-bench-");
        Path docs = corpus(work.resolve("docs"), documents);
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                Locale.ROOT,
                "corpus: %d documents, %d cores; %s",
                documents,
                Runtime.getRuntime().availableProcessors(),
                work));

        IngestReport cli = sync(config(work, "cli", docs));
        lines.add(line("embedded sync (sluice sync)", cli));

        for (String master : List.of("local[1]", "local[2]")) {
            SparkSession spark = SparkSession.builder()
                    .master(master)
                    .appName("sluice-spark-bench")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .getOrCreate();
            try {
                Path yaml = config(work, "spark-" + master.replaceAll("\\W", ""), docs);
                IngestReport report = new SparkIngest().run(spark, SparkIngest.Options.of(yaml));
                lines.add(line("spark " + spark.sparkContext().master(), report));
            } finally {
                spark.stop();
                SparkSession.clearActiveSession(); // else the next builder may get this session back
                SparkSession.clearDefaultSession();
            }
        }

        EffectiveConfig config = EffectiveConfig.resolve(ConfigLoader.load(config(work, "cli", docs)), Flags.NONE);
        List<String> texts = chunkTexts(config, docs);
        try (Embedder model = OnnxEmbedder.load(config.model(), 1)) {
            for (int i = 0; i < Math.min(20, texts.size()); i++) {
                model.embedPassage(texts.get(i)); // warm-up
            }
            long t0 = System.nanoTime();
            for (String text : texts) {
                model.embedPassage(text);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            lines.add(String.format(
                    Locale.ROOT,
                    "raw model, 1 thread: %d chunks in %.1f s = %.1f chunks/s",
                    texts.size(),
                    seconds,
                    texts.size() / seconds));
        }
        lines.forEach(System.out::println);
    }

    private static String line(String label, IngestReport r) {
        double seconds = r.wallMillis() / 1000.0;
        return String.format(
                Locale.ROOT,
                "%s: %d documents, %d chunks in %.1f s = %.1f docs/s, %.1f chunks/s",
                label,
                r.ingested(),
                r.chunks(),
                seconds,
                r.ingested() / seconds,
                r.chunks() / seconds);
    }

    private static IngestReport sync(Path yaml) {
        try (KnowledgeBase kb = KnowledgeBase.open(EffectiveConfig.resolve(ConfigLoader.load(yaml), Flags.NONE))) {
            return kb.sync(kb.configuredRun(RunOptions.DEFAULTS), ProgressListener.NONE);
        }
    }

    /** What the model reads for every chunk of the corpus, prepared as the job prepares it. */
    private static List<String> chunkTexts(EffectiveConfig config, Path docs) throws IOException {
        DocumentProcessor processor = ExecutorResources.processor(config);
        ExecutorChecks checks = new ExecutorChecks(config.quality(), List.of(), 0);
        List<String> texts = new ArrayList<>();
        try (var files = Files.list(docs)) {
            for (Path f : files.sorted().toList()) {
                SourceItem item = new SourceItem(
                        "corpus", f, f.toUri().toString(), f.getFileName().toString(), Files.size(f), 0);
                try {
                    if (processor.prepare(item, AccessList.PUBLIC, DocumentProcessor.UNTIMED, checks)
                            instanceof DocumentProcessor.Prepared p) {
                        p.chunks().forEach(c -> texts.add(DocumentProcessor.embeddingInput(p.info(), c, null, null)));
                    }
                } catch (ItemFailure e) {
                    // quarantined: not embedded by the runs either
                }
            }
        }
        return texts;
    }

    private static Path config(Path work, String name, Path docs) throws IOException {
        Path yaml = work.resolve(name + ".yaml");
        Files.writeString(
                yaml,
                "index: " + name + "-index\nembedding:\n  niceness: 0\nsources:\n  - name: corpus\n    path: " + docs
                        + "\n",
                StandardCharsets.UTF_8);
        return yaml;
    }

    /** {@code n} Markdown documents of three sections of about 120 words each, the same for a given n. */
    static Path corpus(Path dir, int n) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(42);
        for (int d = 0; d < n; d++) {
            StringBuilder sb = new StringBuilder("# Document " + d + "\n\n");
            for (int s = 0; s < 3; s++) {
                sb.append("## Section ").append(s).append("\n\n");
                for (int w = 0; w < 120; w++) {
                    sb.append(WORDS[random.nextInt(WORDS.length)]).append(w % 12 == 11 ? ".\n" : " ");
                }
                sb.append("\n\n");
            }
            Files.writeString(dir.resolve(String.format(Locale.ROOT, "doc-%05d.md", d)), sb, StandardCharsets.UTF_8);
        }
        return dir;
    }
}
