package dev.sluice.spark;

import dev.sluice.KnowledgeBase;
import dev.sluice.backend.Backends;
import dev.sluice.backend.CatalogStores;
import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.core.AccessList;
import dev.sluice.core.ItemFailure;
import dev.sluice.embed.Embedder;
import dev.sluice.embed.OnnxEmbedder;
import dev.sluice.index.ChunkIndex;
import dev.sluice.index.IndexSettings;
import dev.sluice.index.IndexedChunk;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Ingestion onto OpenSearch + PostgreSQL (issue 18): the embedded sync, a sync onto OS+PG, the Spark job in
 * {@code local[1]} and {@code local[2]} onto OS+PG, all at niceness 0 on one generated corpus in one JVM;
 * then each per-partition cost alone: extraction and chunking, the model on one thread (the raw rate),
 * OpenSearch bulk writes of the prepared chunks (HNSW, refresh at the end), PostgreSQL {@code Catalog.apply}
 * and {@code putVectors}. Every run starts empty. Needs the development engines and the variables
 * {@code SLUICE_IT_PG_USER}/{@code SLUICE_IT_PG_PASSWORD}; drops what it made. Not a test:
 *
 * <pre>
 * java $FLAGS -cp TEST_CLASS_PATH dev.sluice.spark.SparkScaleOutBenchmark [DOCUMENTS] [WORK_DIR]
 * </pre>
 */
public final class SparkScaleOutBenchmark {
    private static final String NICE = "embedding:\n  niceness: 0\n";

    private SparkScaleOutBenchmark() {}

    public static void main(String[] args) throws IOException {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        Path work = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("sluice-spark-os-bench-");
        Path docs = SparkIngestBenchmark.corpus(work.resolve("docs"), documents);
        int copies = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        List<String> lines = new ArrayList<>();
        if (copies > 0) { // the engines' costs alone, at copies x the corpus' chunks
            costs(docs, work, lines, copies);
            lines.forEach(System.out::println);
            return;
        }
        lines.add(String.format(
                Locale.ROOT,
                "corpus: %d documents, %d cores; load %s",
                documents,
                Runtime.getRuntime().availableProcessors(),
                load()));

        Path embedded = work.resolve("embedded.yaml");
        Files.writeString(
                embedded,
                "index: embedded-index\n" + NICE + "sources:\n  - name: docs\n    path: " + docs + "\n",
                StandardCharsets.UTF_8);
        lines.add(line("embedded sync (Lucene + SQLite)", sync(embedded)));
        try (ScaleOutKb synced = new ScaleOutKb(work.resolve("synced"), docs, NICE)) {
            lines.add(line("sync onto OS+PG", sync(synced.config)));
        }
        for (String master : List.of("local[1]", "local[2]")) {
            SparkSession spark = SparkSession.builder()
                    .master(master)
                    .appName("sluice-spark-bench")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .getOrCreate();
            try (ScaleOutKb kb = new ScaleOutKb(work.resolve(master.replaceAll("\\W", "")), docs, NICE)) {
                lines.add(line(
                        "spark " + spark.sparkContext().master() + " onto OS+PG",
                        new SparkIngest().run(spark, SparkIngest.Options.of(kb.config))));
            } finally {
                spark.stop();
                SparkSession.clearActiveSession(); // else the next builder may get this session back
                SparkSession.clearDefaultSession();
            }
        }
        lines.add("load " + load());
        costs(docs, work, lines, 1);
        lines.add("load " + load());
        lines.forEach(System.out::println);
    }

    /** Each cost alone, on the corpus' prepared chunks. */
    private static void costs(Path docs, Path work, List<String> lines, int copies) throws IOException {
        try (ScaleOutKb kb = new ScaleOutKb(work.resolve("costs"), docs, NICE)) {
            EffectiveConfig config = EffectiveConfig.resolve(ConfigLoader.load(kb.config), Flags.NONE);
            DocumentProcessor processor = ExecutorResources.processor(config);
            ExecutorChecks checks = new ExecutorChecks(config.quality(), List.of(), 0);
            List<DocumentProcessor.Prepared> prepared = new ArrayList<>();
            long t0 = System.nanoTime();
            try (var files = Files.list(docs)) {
                for (Path f : files.sorted().toList()) {
                    SourceItem item = new SourceItem(
                            "docs", f, f.toUri().toString(), f.getFileName().toString(), Files.size(f), 0);
                    try {
                        if (processor.prepare(item, AccessList.PUBLIC, DocumentProcessor.UNTIMED, checks)
                                instanceof DocumentProcessor.Prepared p) {
                            prepared.add(p);
                        }
                    } catch (ItemFailure e) {
                        // quarantined: not embedded by the runs either
                    }
                }
            }
            double extract = seconds(t0);
            int chunks = prepared.stream().mapToInt(p -> p.chunks().size()).sum();
            lines.add(rate("extract + normalize + chunk, 1 thread", chunks, extract));

            List<List<float[]>> vectors = new ArrayList<>();
            Embedder model = OnnxEmbedder.load(config.model(), 1);
            for (int i = 0; i < 20; i++) {
                model.embedPassage("warm-up " + i);
            }
            t0 = System.nanoTime();
            for (DocumentProcessor.Prepared p : prepared) {
                List<float[]> v = new ArrayList<>();
                for (var c : p.chunks()) {
                    v.add(model.embedPassage(DocumentProcessor.embeddingInput(p.info(), c, null, null)));
                }
                vectors.add(v);
            }
            lines.add(rate("raw model (embed), 1 thread", chunks, seconds(t0)));
            if (copies > 1) { // distinct documents, chunk ids, hashes and (slightly moved) vectors
                java.util.Random random = new java.util.Random(7);
                List<DocumentProcessor.Prepared> all = new ArrayList<>();
                List<List<float[]>> allVectors = new ArrayList<>();
                for (int copy = 0; copy < copies; copy++) {
                    final int k = copy;
                    for (int d = 0; d < prepared.size(); d++) {
                        DocumentProcessor.Prepared p = prepared.get(d);
                        String uri = p.info().uri() + "#copy" + k;
                        DocumentProcessor.Prepared moved = new DocumentProcessor.Prepared(
                                new dev.sluice.index.DocumentInfo(
                                        uri,
                                        p.info().source(),
                                        p.info().path() + k,
                                        p.info().type(),
                                        p.info().title(),
                                        p.info().contentHash() + k,
                                        p.info().access(),
                                        p.info().attributes(),
                                        null,
                                        p.info().metadata()),
                                p.chunks().stream()
                                        .map(c -> new dev.sluice.chunk.Chunk(
                                                c.id() + "-" + k,
                                                uri,
                                                c.ordinal(),
                                                c.title(),
                                                c.headingPath(),
                                                c.pageStart(),
                                                c.pageEnd(),
                                                c.start(),
                                                c.end(),
                                                c.text() + " " + k,
                                                c.tokenCount(),
                                                c.contentHash() + k,
                                                c.chunkerVersion()))
                                        .toList(),
                                p.normalized(),
                                p.checked());
                        all.add(moved);
                        allVectors.add(vectors.get(d).stream()
                                .map(v -> moved(v, random))
                                .toList());
                    }
                }
                prepared = all;
                vectors = allVectors;
                chunks *= copies;
            }

            Backends backends = Backends.of(config.backends(), config.index(), System.getenv());
            try (ChunkIndex index = backends.index()
                    .openForWriting(new IndexSettings(
                            model.modelId(), model.modelVersion(), model.dimensions(), config.language()))) {
                t0 = System.nanoTime();
                for (int d = 0; d < prepared.size(); d++) {
                    List<IndexedChunk> indexed = new ArrayList<>();
                    for (int c = 0; c < prepared.get(d).chunks().size(); c++) {
                        indexed.add(new IndexedChunk(
                                prepared.get(d).chunks().get(c), vectors.get(d).get(c), ""));
                    }
                    index.replaceDocument(prepared.get(d).info(), indexed);
                }
                index.flush();
                double bulk = seconds(t0);
                long t1 = System.nanoTime();
                index.commit();
                lines.add(rate("OpenSearch bulk send (1 client, whole documents, HNSW)", chunks, bulk));
                lines.add(rate("OpenSearch bulk send + refresh", chunks, bulk + seconds(t1)));
            }

            try (CatalogStores catalog = backends.openCatalog()) {
                List<Catalog.Change> changes = new ArrayList<>();
                Map<String, float[]> byHash = new HashMap<>();
                long now = System.currentTimeMillis();
                long runId = catalog.startRun("ingest", now);
                for (int d = 0; d < prepared.size(); d++) {
                    DocumentProcessor.Prepared p = prepared.get(d);
                    List<Catalog.ChunkRow> rows = new ArrayList<>();
                    for (int c = 0; c < p.chunks().size(); c++) {
                        var chunk = p.chunks().get(c);
                        String key = DocumentProcessor.cacheKey(
                                chunk, DocumentProcessor.embeddingInput(p.info(), chunk, null, null));
                        rows.add(new Catalog.ChunkRow(chunk.id(), key));
                        byHash.put(key, vectors.get(d).get(c));
                    }
                    changes.add(new Catalog.Change.Indexed(
                            new DocumentRecord(
                                    p.info().uri(),
                                    "docs",
                                    p.info().uri(),
                                    1,
                                    now,
                                    p.info().contentHash(),
                                    DocumentRecord.INDEXED,
                                    null,
                                    null,
                                    "bench",
                                    model.modelId(),
                                    model.modelVersion(),
                                    rows.size(),
                                    now,
                                    now,
                                    runId),
                            rows));
                }
                t0 = System.nanoTime();
                catalog.putVectors(model.modelId(), model.modelVersion(), byHash);
                lines.add(rate("PostgreSQL putVectors (one call)", byHash.size(), seconds(t0)));
                t0 = System.nanoTime();
                catalog.apply(runId, changes);
                lines.add(rate(
                        "PostgreSQL Catalog.apply (one run: " + changes.size() + " documents), chunk rows",
                        chunks,
                        seconds(t0)));
            }
        }
    }

    /** {@code v} moved by a little noise and normalized again. */
    private static float[] moved(float[] v, java.util.Random random) {
        float[] out = new float[v.length];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] + (float) (random.nextGaussian() * 0.02);
            norm += out[i] * out[i];
        }
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (out[i] / Math.sqrt(norm));
        }
        return out;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static String rate(String label, int chunks, double seconds) {
        return String.format(
                Locale.ROOT, "%s: %d chunks in %.2f s = %.1f chunks/s", label, chunks, seconds, chunks / seconds);
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String line(String label, IngestReport r) {
        double seconds = r.wallMillis() / 1000.0;
        return String.format(
                Locale.ROOT,
                "%s: %d documents, %d chunks in %.1f s = %.1f chunks/s (load %s)",
                label,
                r.ingested(),
                r.chunks(),
                seconds,
                r.chunks() / seconds,
                load());
    }

    private static IngestReport sync(Path yaml) {
        try (KnowledgeBase kb = KnowledgeBase.open(EffectiveConfig.resolve(ConfigLoader.load(yaml), Flags.NONE))) {
            return kb.sync(kb.configuredRun(RunOptions.DEFAULTS), ProgressListener.NONE);
        }
    }
}
