package dev.sluice.bench;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15.BgeSmallEnV15EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.sluice.IngestOptions;
import dev.sluice.Sluice;
import dev.sluice.chunk.Chunk;
import dev.sluice.chunk.ChunkerSettings;
import dev.sluice.chunk.HeadingAwareChunker;
import dev.sluice.core.ItemFailure;
import dev.sluice.core.SluiceException;
import dev.sluice.embed.EmbeddingModelSpec;
import dev.sluice.embed.OnnxEmbedder;
import dev.sluice.enrich.AttributeReader;
import dev.sluice.enrich.ChunkContext;
import dev.sluice.extract.DocumentExtractor;
import dev.sluice.extract.ExtractionLimits;
import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.quality.TextNormalizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code sluice bench ingest}: whole-pipeline throughput beside the raw throughput of the embedding
 * model on the same chunks, measured in the same run, and beside LangChain4j's in-process model.
 */
public final class IngestBenchmark {
    /**
     * @param corpus BEIR corpus file, or null for generated text
     * @param docs a folder of real files to ingest as they are (then corpus and generated text are not used),
     *     or null
     * @param generatedDocs documents to generate when corpus is null
     * @param limit documents to read from the corpus
     * @param sampleChunks chunks for the raw and LangChain4j baselines
     * @param model embedding model
     * @param threads embedding threads
     * @param index where to leave the index (for {@code bench query}), or null for a temporary one
     * @param compareModel a second model whose raw rate is measured on the same sample, in turn with the first
     *     (its vectors are also compared with the first model's), or null
     */
    public record Options(
            Path corpus,
            Path docs,
            int generatedDocs,
            int limit,
            int sampleChunks,
            EmbeddingModelSpec model,
            int threads,
            Path index,
            EmbeddingModelSpec compareModel) {}

    /**
     * The raw rates of the second model on the same sample, and how close its vectors come to the first
     * model's (cosine of the two unit vectors of one chunk; 1 is identical).
     */
    public record Comparison(
            EmbeddingModelSpec model,
            double rawCallersChunksPerSecond,
            double rawIntraOpChunksPerSecond,
            int comparedChunks,
            double meanCosine,
            double minCosine) {
        double bestRaw() {
            return Math.max(rawCallersChunksPerSecond, rawIntraOpChunksPerSecond);
        }
    }

    /** The figures of one run. */
    public record Result(
            int documents,
            int chunks,
            double pipelineChunksPerSecond,
            double rawCallersChunksPerSecond,
            double rawIntraOpChunksPerSecond,
            double langchain4jChunksPerSecond,
            double meanChunkTokens,
            long peakHeapMib,
            IngestReport report,
            Comparison comparison) {
        double bestRaw() {
            return Math.max(rawCallersChunksPerSecond, rawIntraOpChunksPerSecond);
        }
    }

    private IngestBenchmark() {}

    public static Result run(Options options, PrintWriter out) throws IOException {
        return run(options, out, new BenchReport());
    }

    /** As {@link #run(Options, PrintWriter)}, recording each figure beside its baseline in {@code report}. */
    static Result run(Options options, PrintWriter out, BenchReport report) throws IOException {
        Path work = Files.createTempDirectory("sluice-bench-ingest");
        Path docsDir;
        int documents;
        if (options.docs() != null) {
            docsDir = options.docs();
            try (var files = Files.list(docsDir)) {
                documents = (int) files.filter(Files::isRegularFile).count();
            }
        } else {
            docsDir = work.resolve("docs");
            Files.createDirectories(docsDir);
            documents = BenchCorpus.write(options.corpus(), options.generatedDocs(), options.limit(), docsDir);
        }
        out.printf(
                Locale.ROOT,
                "bench ingest: %d documents"
                        + (options.docs() != null ? " in " + options.docs() : " written to a temporary folder")
                        + "; machine: %s%n",
                documents,
                Stats.machine());
        out.flush();

        List<String> sample = sampleChunks(docsDir, options);
        double meanTokens;
        try (OnnxEmbedder probe = OnnxEmbedder.load(options.model(), 1)) {
            meanTokens = sample.stream()
                    .mapToInt(probe.tokenCounter()::count)
                    .average()
                    .orElse(0);
        }
        out.printf(Locale.ROOT, "baseline sample: %d chunks, %.0f tokens on average%n", sample.size(), meanTokens);

        // Each configuration is measured for one model, then the other, so that a change of load on a shared
        // machine falls on both.
        EmbeddingModelSpec other = options.compareModel();
        double rawCallers = rawRate(options.model(), sample, options.threads(), 1, out);
        double otherCallers = other == null ? 0 : rawRate(other, sample, options.threads(), 1, out);
        double rawIntraOp = rawRate(options.model(), sample, 1, options.threads(), out);
        double otherIntraOp = other == null ? 0 : rawRate(other, sample, 1, options.threads(), out);
        Comparison comparison = null;
        if (other != null) {
            comparison = compare(options.model(), other, sample, otherCallers, otherIntraOp, options.threads());
            out.printf(
                    Locale.ROOT,
                    "vectors of the first %d chunks, %s against %s: cosine mean %.4f, min %.4f%n",
                    comparison.comparedChunks(),
                    other.id(),
                    options.model().id(),
                    comparison.meanCosine(),
                    comparison.minCosine());
            out.flush();
        }

        Path index = options.index() != null ? options.index() : work.resolve("index");
        IngestOptions defaults = IngestOptions.defaults(List.of(docsDir), index);
        IngestOptions ingest = new IngestOptions(
                defaults.sources(),
                index,
                options.model(),
                defaults.maxChunkTokens(),
                defaults.overlapTokens(),
                defaults.limits(),
                defaults.extractThreads(),
                options.threads());
        System.gc();
        Stats.resetPeakHeap();
        IngestReport ingestReport = Sluice.ingest(ingest, ProgressListener.NONE);
        long peakHeap = Stats.peakHeapMib();
        double pipeline = ingestReport.chunksPerSecond();
        out.printf(
                Locale.ROOT,
                "whole pipeline: %d chunks in %.1f s: %.1f chunks/s%n",
                ingestReport.chunks(),
                ingestReport.wallMillis() / 1000.0,
                pipeline);
        out.flush();

        double langchain4j = langchain4j(options.model(), sample);
        out.printf(Locale.ROOT, "LangChain4j in-process model (embedAll): %.1f chunks/s%n", langchain4j);
        Result result = new Result(
                documents,
                ingestReport.chunks(),
                pipeline,
                rawCallers,
                rawIntraOp,
                langchain4j,
                meanTokens,
                peakHeap,
                ingestReport,
                comparison);
        print(result, out);
        record(result, report);
        if (options.index() == null) {
            dev.sluice.core.FileTrees.deleteRecursively(work); // never the --docs folder: it is not under work
        } else if (options.docs() == null) {
            dev.sluice.core.FileTrees.deleteRecursively(docsDir);
        }
        return result;
    }

    static void print(Result r, PrintWriter out) {
        IngestReport rep = r.report();
        out.println();
        out.println("| figure | value | baseline (same run) | ratio | target |");
        out.println("|---|---|---|---|---|");
        out.printf(
                Locale.ROOT,
                "| whole pipeline, chunks/s | %.1f | best raw model %.1f | %.2f | >= 0.85 |%n",
                r.pipelineChunksPerSecond(),
                r.bestRaw(),
                r.pipelineChunksPerSecond() / r.bestRaw());
        out.printf(
                Locale.ROOT,
                "| whole pipeline vs LangChain4j, chunks/s | %.1f | LangChain4j %.1f | %.2f | >= 1.5 |%n",
                r.pipelineChunksPerSecond(),
                r.langchain4jChunksPerSecond(),
                r.pipelineChunksPerSecond() / r.langchain4jChunksPerSecond());
        out.printf(
                Locale.ROOT,
                "| raw model vs LangChain4j, chunks/s | %.1f | LangChain4j %.1f | %.2f | |%n",
                r.bestRaw(),
                r.langchain4jChunksPerSecond(),
                r.bestRaw() / r.langchain4jChunksPerSecond());
        long checkMillis = rep.stageMillis().getOrDefault(dev.sluice.ingest.Stage.CHECK, 0L);
        int checked = rep.ingested() + rep.quarantined().size();
        out.printf(
                Locale.ROOT,
                "| quality checks, documents/s on one thread | %.0f | raw model %.1f chunks/s | checks %.1f s of %.1f s"
                        + " wall: %.1f%% | < 10%% of ingestion |%n",
                checkMillis == 0 ? 0.0 : checked * 1000.0 / checkMillis,
                r.bestRaw(),
                checkMillis / 1000.0,
                rep.wallMillis() / 1000.0,
                rep.wallMillis() == 0 ? 0.0 : 100.0 * checkMillis / rep.wallMillis());
        if (r.comparison() != null) {
            out.printf(
                    Locale.ROOT,
                    "| best raw model vs %s, chunks/s | %.1f | %s %.1f | %.2f | |%n",
                    r.comparison().model().id(),
                    r.bestRaw(),
                    r.comparison().model().id(),
                    r.comparison().bestRaw(),
                    r.bestRaw() / r.comparison().bestRaw());
        }
        out.println();
        out.printf(
                Locale.ROOT,
                "documents %d, chunks %d (mean %.0f tokens in the sample), quarantined %d, wall %.1f s, peak heap %d MiB%n",
                r.documents(),
                r.chunks(),
                r.meanChunkTokens(),
                rep.quarantined().size(),
                rep.wallMillis() / 1000.0,
                r.peakHeapMib());
        StringBuilder stages = new StringBuilder("time per stage (thread-seconds):");
        rep.stageMillis().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> stages.append(
                        String.format(Locale.ROOT, " %s %.1f", e.getKey().label(), e.getValue() / 1000.0)));
        out.println(stages);
        out.flush();
    }

    /** The figures {@link #print} prints, each beside the baseline of its row. */
    static void record(Result r, BenchReport report) {
        IngestReport rep = r.report();
        long checkMillis = rep.stageMillis().getOrDefault(dev.sluice.ingest.Stage.CHECK, 0L);
        int checked = rep.ingested() + rep.quarantined().size();
        String bestRaw = "best raw model (same run)";
        String langchain4j = "LangChain4j in-process model (same run)";
        report.figure("pipelineChunksPerSecond", "chunks/s", r.pipelineChunksPerSecond(), bestRaw, r.bestRaw())
                .figure(
                        "pipelineChunksPerSecondVsLangChain4j",
                        "chunks/s",
                        r.pipelineChunksPerSecond(),
                        langchain4j,
                        r.langchain4jChunksPerSecond())
                .figure("rawModelChunksPerSecond", "chunks/s", r.bestRaw(), langchain4j, r.langchain4jChunksPerSecond())
                .figure("rawCallersChunksPerSecond", "chunks/s", r.rawCallersChunksPerSecond())
                .figure("rawIntraOpChunksPerSecond", "chunks/s", r.rawIntraOpChunksPerSecond())
                .figure("langChain4jChunksPerSecond", "chunks/s", r.langchain4jChunksPerSecond())
                .figure("checksDocumentsPerSecond", "docs/s", checkMillis == 0 ? 0.0 : checked * 1000.0 / checkMillis)
                .figure(
                        "checksSeconds",
                        "s",
                        checkMillis / 1000.0,
                        "whole pipeline wall time",
                        rep.wallMillis() / 1000.0)
                .figure(
                        "checksShareOfWall",
                        "share",
                        rep.wallMillis() == 0 ? 0.0 : (double) checkMillis / rep.wallMillis())
                .figure("documents", "count", r.documents())
                .figure("chunks", "count", r.chunks())
                .figure("meanChunkTokens", "tokens", r.meanChunkTokens())
                .figure("quarantined", "count", rep.quarantined().size())
                .figure("wallSeconds", "s", rep.wallMillis() / 1000.0)
                .figure("peakHeap", "MiB", r.peakHeapMib());
        if (r.comparison() != null) {
            Comparison c = r.comparison();
            report.figure(
                            "rawModelChunksPerSecondVsCompareModel",
                            "chunks/s",
                            r.bestRaw(),
                            c.model().id() + " raw model (same run)",
                            c.bestRaw())
                    .figure("compareModelMeanCosine", "cosine", c.meanCosine())
                    .figure("compareModelMinCosine", "cosine", c.minCosine())
                    .result("compareModel", c.model().id());
        }
        java.util.Map<String, Object> stages = new java.util.TreeMap<>();
        rep.stageMillis().forEach((stage, millis) -> stages.put(stage.label(), millis / 1000.0));
        report.result("stageThreadSeconds", stages);
    }

    /** Embeds every text on {@code threads} threads and returns texts per second. */
    static double embedAll(List<String> texts, int threads, java.util.function.Function<String, float[]> embed) {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sluice-bench-embed");
            t.setDaemon(true);
            return t;
        });
        long t0 = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            pool.execute(() -> {
                int n;
                while ((n = next.getAndIncrement()) < texts.size()) {
                    embed.apply(texts.get(n));
                }
            });
        }
        pool.shutdown();
        try {
            pool.awaitTermination(1, TimeUnit.HOURS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SluiceException("benchmark interrupted");
        }
        return texts.size() / ((System.nanoTime() - t0) / 1e9);
    }

    /**
     * The raw model on the sample: {@code callers} threads sharing one session of {@code intraOp} threads,
     * after a warm-up of 20 chunks.
     */
    private static double rawRate(
            EmbeddingModelSpec model, List<String> sample, int callers, int intraOp, PrintWriter out) {
        double rate;
        try (OnnxEmbedder embedder = OnnxEmbedder.load(model, intraOp)) {
            embedAll(sample.subList(0, Math.min(20, sample.size())), callers, embedder::embedPassage);
            rate = embedAll(sample, callers, embedder::embedPassage);
        }
        out.printf(
                Locale.ROOT,
                "raw model %s, %d calling thread%s x %d intra-op thread%s: %.1f chunks/s%n",
                model.id(),
                callers,
                callers == 1 ? "" : "s",
                intraOp,
                intraOp == 1 ? "" : "s",
                rate);
        out.flush();
        return rate;
    }

    private static Comparison compare(
            EmbeddingModelSpec model,
            EmbeddingModelSpec other,
            List<String> sample,
            double otherCallers,
            double otherIntraOp,
            int threads) {
        List<String> texts = sample.subList(0, Math.min(100, sample.size()));
        double sum = 0;
        double min = 1;
        try (OnnxEmbedder a = OnnxEmbedder.load(model, threads);
                OnnxEmbedder b = OnnxEmbedder.load(other, threads)) {
            for (String text : texts) {
                float[] va = a.embedPassage(text);
                float[] vb = b.embedPassage(text);
                double cosine = 0;
                for (int d = 0; d < va.length; d++) {
                    cosine += va[d] * vb[d];
                }
                sum += cosine;
                min = Math.min(min, cosine);
            }
        }
        return new Comparison(other, otherCallers, otherIntraOp, texts.size(), sum / texts.size(), min);
    }

    private static double langchain4j(EmbeddingModelSpec spec, List<String> texts) {
        EmbeddingModel model;
        if (spec == EmbeddingModelSpec.BGE_SMALL_EN_V15_Q) {
            model = new BgeSmallEnV15QuantizedEmbeddingModel();
        } else if (spec == EmbeddingModelSpec.BGE_SMALL_EN_V15) {
            model = new BgeSmallEnV15EmbeddingModel();
        } else if (spec == EmbeddingModelSpec.ALL_MINILM_L6_V2_Q) {
            model = new AllMiniLmL6V2QuantizedEmbeddingModel();
        } else {
            throw new IllegalArgumentException("LangChain4j ships no in-process model for " + spec.id());
        }
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        model.embedAll(segments.subList(0, Math.min(20, segments.size()))); // warm-up
        long t0 = System.nanoTime();
        model.embedAll(segments);
        return segments.size() / ((System.nanoTime() - t0) / 1e9);
    }

    /**
     * What the pipeline will embed for the first documents (each chunk's context header and text), produced
     * by the same stages.
     */
    private static List<String> sampleChunks(Path docsDir, Options options) throws IOException {
        List<Path> files;
        try (var stream = Files.list(docsDir)) {
            files = stream.sorted().toList();
        }
        List<String> texts = new ArrayList<>();
        TextNormalizer normalizer = new TextNormalizer();
        try (OnnxEmbedder embedder = OnnxEmbedder.load(options.model(), 1);
                DocumentExtractor extractor = new DocumentExtractor(ExtractionLimits.defaults())) {
            HeadingAwareChunker chunker = new HeadingAwareChunker(
                    new ChunkerSettings(IngestOptions.DEFAULT_MAX_CHUNK_TOKENS, IngestOptions.DEFAULT_OVERLAP_TOKENS),
                    embedder.tokenCounter());
            for (Path file : files) {
                if (texts.size() >= options.sampleChunks()) {
                    break;
                }
                try {
                    var normalized = normalizer.normalize(
                            extractor.extract(file, file.toUri().toString()));
                    var attributes = AttributeReader.read(
                            normalized.text(), file.getFileName().toString());
                    for (Chunk chunk : chunker.chunk(normalized)) {
                        texts.add(ChunkContext.embeddingInput(attributes, chunk.headingPath(), chunk.text()));
                    }
                } catch (ItemFailure e) {
                    // quarantined items carry no chunk; the pipeline reports them
                }
            }
        }
        return texts.size() > options.sampleChunks() ? texts.subList(0, options.sampleChunks()) : texts;
    }
}
