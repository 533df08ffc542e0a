package dev.sluice.bench;

import dev.sluice.IngestOptions;
import dev.sluice.Ingester;
import dev.sluice.index.LuceneIndex;
import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.retrieve.LuceneRetriever;
import dev.sluice.retrieve.SearchFilters;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code sluice bench sync}: a full first run, a second run with nothing changed, a run after 1% of
 * the documents changed, each beside the first run's time; then, in watch mode, the lag from a file
 * being written to it being searchable by another reader.
 */
public final class SyncBenchmark {
    /**
     * @param corpus BEIR corpus file, or null for generated text
     * @param generatedDocs documents to generate when corpus is null
     * @param limit documents to read from the corpus
     * @param lagSamples files written one by one in watch mode
     */
    public record Options(Path corpus, int generatedDocs, int limit, int lagSamples) {}

    private SyncBenchmark() {}

    public static void run(Options options, PrintWriter out) throws IOException, InterruptedException {
        run(options, out, new BenchReport());
    }

    /**
     * As {@link #run(Options, PrintWriter)}, recording each run's seconds beside the first run's in {@code
     * report}, its counts in {@code results.runs}, and the watch lag.
     */
    static void run(Options options, PrintWriter out, BenchReport report) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("sluice-bench-sync");
        Path docs = work.resolve("docs");
        int documents = BenchCorpus.write(options.corpus(), options.generatedDocs(), options.limit(), docs);
        Path indexDir = work.resolve("index");
        out.printf(Locale.ROOT, "bench sync: %d documents; machine: %s%n", documents, Stats.machine());
        out.flush();
        try (Ingester ingester = new Ingester(IngestOptions.defaults(List.of(docs), indexDir))) {
            IngestReport first = ingester.run(ProgressListener.NONE);
            line(out, "first sync", first, first);
            report.figure("documents", "count", documents)
                    .figure("chunks", "count", first.chunks())
                    .figure("firstSyncSeconds", "s", first.wallMillis() / 1000.0);
            IngestReport second = ingester.run(ProgressListener.NONE);
            line(out, "second sync, nothing changed", second, first);
            String firstSync = "first sync (same run)";
            report.figure(
                    "unchangedSyncSeconds", "s", second.wallMillis() / 1000.0, firstSync, first.wallMillis() / 1000.0);

            List<Path> files;
            try (var list = Files.list(docs)) {
                files = list.sorted().toList();
            }
            int changed = Math.max(1, files.size() / 100);
            for (int i = 0; i < changed; i++) {
                Path file = files.get(i * (files.size() / changed));
                Files.writeString(
                        file,
                        Files.readString(file, StandardCharsets.UTF_8) + "\nAn added sentence about revision " + i
                                + ".\n",
                        StandardCharsets.UTF_8);
            }
            IngestReport third = ingester.run(ProgressListener.NONE);
            line(out, "sync after " + changed + " documents (1%) changed", third, first);
            report.figure(
                            "changedSyncSeconds",
                            "s",
                            third.wallMillis() / 1000.0,
                            firstSync,
                            first.wallMillis() / 1000.0)
                    .figure("changedDocuments", "count", changed);
            java.util.Map<String, Object> runs = new java.util.LinkedHashMap<>();
            runs.put("first", counts(first));
            runs.put("unchanged", counts(second));
            runs.put("changed", counts(third));
            report.result("runs", runs);

            double[] lags = watchLag(ingester, docs, indexDir, options.lagSamples());
            out.println();
            out.printf(
                    Locale.ROOT,
                    "watch mode, %d files written one at a time into a knowledge base of %d chunks:"
                            + " searchable after p50 %.0f ms, p95 %.0f ms (target p95 <= 2000 ms)%n",
                    lags.length,
                    first.chunks(),
                    Stats.percentile(lags, 50),
                    Stats.percentile(lags, 95));
            report.figure("watchSearchableP50", "ms", Stats.percentile(lags, 50))
                    .figure("watchSearchableP95", "ms", Stats.percentile(lags, 95))
                    .figure("watchFiles", "count", lags.length);
        } finally {
            dev.sluice.core.FileTrees.deleteRecursively(work);
        }
        out.flush();
    }

    /** One run's counts, as its row of the text report prints them. */
    private static java.util.Map<String, Object> counts(IngestReport r) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("seconds", BenchReport.finite(r.wallMillis() / 1000.0));
        m.put("ingested", r.ingested());
        m.put("unchanged", r.unchanged());
        m.put("embeddingsComputed", r.embeddingsComputed());
        m.put("embeddingsReused", r.embeddingsReused());
        return m;
    }

    private static void line(PrintWriter out, String label, IngestReport r, IngestReport first) {
        out.printf(
                Locale.ROOT,
                "| %s | %.2f s | %.2f%% of the first | ingested %d, unchanged %d | embeddings computed %d, from cache %d |%n",
                label,
                r.wallMillis() / 1000.0,
                100.0 * r.wallMillis() / Math.max(1, first.wallMillis()),
                r.ingested(),
                r.unchanged(),
                r.embeddingsComputed(),
                r.embeddingsReused());
        out.flush();
    }

    /** Writes files one by one while watching; returns, per file, the milliseconds until a reader finds it. */
    private static double[] watchLag(Ingester ingester, Path docs, Path indexDir, int samples)
            throws InterruptedException, IOException {
        AtomicBoolean stop = new AtomicBoolean();
        Thread watcher =
                new Thread(() -> ingester.watch(5_000, true, stop::get, report -> {}, e -> {}), "sluice-bench-watch");
        watcher.start();
        double[] lags = new double[samples];
        try (LuceneIndex reader = LuceneIndex.openForReading(indexDir)) {
            LuceneRetriever retriever = new LuceneRetriever(reader, null);
            Thread.sleep(3_000); // let the watch's first run (nothing changed) pass
            for (int i = 0; i < samples; i++) {
                String marker = "zqxwatchmarker" + i;
                long t0 = System.nanoTime();
                Files.writeString(
                        docs.resolve("watch-" + i + ".md"), "# Watch " + i + "\n\nThe " + marker + " file.\n");
                while (true) {
                    reader.refresh();
                    if (!retriever
                            .search(new SearchRequest(marker, SearchMode.BM25, 1, SearchFilters.NONE))
                            .isEmpty()) {
                        break;
                    }
                    if (System.nanoTime() - t0 > 60_000_000_000L) {
                        throw new IllegalStateException("watch mode did not index " + marker + " within 60 s");
                    }
                    Thread.sleep(10);
                }
                lags[i] = (System.nanoTime() - t0) / 1e6;
                Thread.sleep(500);
            }
        } finally {
            stop.set(true);
            watcher.join(30_000);
        }
        return lags;
    }
}
