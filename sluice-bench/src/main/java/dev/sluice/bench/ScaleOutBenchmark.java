package dev.sluice.bench;

import dev.sluice.backend.Backends;
import dev.sluice.backend.LuceneBackend;
import dev.sluice.backend.SearchIndex;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.core.AccessList;
import dev.sluice.core.FileTrees;
import dev.sluice.index.ChunkIndex;
import dev.sluice.index.IndexSettings;
import dev.sluice.retrieve.IndexRetriever;
import dev.sluice.retrieve.SearchFilters;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code sluice bench scale-out}: search on OpenSearch beside the embedded Lucene index, in one run, on the
 * same 100,000 chunks and the same queries ({@link ScaleOutCorpus}). Part 1 builds both indexes (Lucene
 * through {@link LuceneBackend}, OpenSearch through {@link Backends} with {@code index.backend: opensearch};
 * chunks/s of each) and times {@code SearchIndex.retriever(...)} per mode, one thread then several, query
 * vectors computed beforehand. Part 2 ({@link ScaleOutHttp}) loads {@code /v1/search} of in-process services:
 * the embedded knowledge base (Lucene + SQLite), one replica over OpenSearch + PostgreSQL, then two replicas
 * round-robin. Prints the figures and the load average; asserts nothing. The engines' index and schema are
 * its own and are removed at the end ({@link ScaleOutEngines}).
 */
public final class ScaleOutBenchmark {
    static final String PRINCIPAL = "bench-scale-out";
    static final List<String> GROUPS = List.of("staff");
    static final String LUCENE = "embedded Lucene (same run)";

    /**
     * @param chunks chunks in each index
     * @param queries distinct queries (each phase cycles through them)
     * @param warmUp queries searched before each single-thread pass, not timed
     * @param k results a search asks for
     * @param threads client threads of the index throughput phases
     * @param clients HTTP clients (closed loop) of the service phases
     * @param phase how long each throughput and HTTP phase runs
     * @param indexThreads threads writing each index
     * @param openSearchUrl OpenSearch with the k-NN plugin
     * @param postgresUrl the PostgreSQL JDBC URL
     * @param postgresUser its user (the password comes from {@code SLUICE_PG_PASSWORD})
     * @param work the work folder (null: a temporary one); emptied of what the run wrote at the end
     * @param http whether to run part 2 (the services)
     */
    public record Options(
            int chunks,
            int queries,
            int warmUp,
            int k,
            int threads,
            int clients,
            Duration phase,
            int indexThreads,
            String openSearchUrl,
            String postgresUrl,
            String postgresUser,
            Path work,
            boolean http) {
        public Options {
            positive("--chunks", chunks);
            positive("--queries", queries);
            positive("--k", k);
            positive("--threads", threads);
            positive("--clients", clients);
            positive("--index-threads", indexThreads);
            if (warmUp < 0) {
                throw new IllegalArgumentException("--warm-up must be >= 0, got " + warmUp);
            }
            if (phase == null || phase.isZero() || phase.isNegative()) {
                throw new IllegalArgumentException(
                        "--seconds must be > 0, got " + (phase == null ? null : phase.toSeconds()));
            }
            if (openSearchUrl == null || !openSearchUrl.matches("https?://.+")) {
                throw new IllegalArgumentException(
                        "--opensearch-url must be an http:// or https:// URL, got " + openSearchUrl);
            }
            if (postgresUrl == null || !postgresUrl.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("--pg-url must be a jdbc:postgresql: URL, got " + postgresUrl);
            }
        }

        private static void positive(String name, long value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be > 0, got " + value);
            }
        }
    }

    /**
     * One index's figures for one mode: the single-thread pass ({@code p50}, {@code p99}, {@code mean},
     * {@code perSecond}), the closed loop of {@code threads} threads, and the share of its top-k that Lucene
     * also returned (1 for Lucene itself); for OpenSearch, the milliseconds a search spent inside the engine
     * by its own statistics and the search requests a search sent, in the single-thread pass (NaN for Lucene).
     */
    record IndexRow(
            SearchMode mode,
            String index,
            double p50,
            double p99,
            double mean,
            double perSecond,
            double threadsPerSecond,
            double threadsP50,
            double threadsP99,
            long errors,
            double sameAsLucene,
            double engineMillis,
            double requestsPerSearch,
            double loadAverage) {}

    private ScaleOutBenchmark() {}

    public static void run(Options options, PrintWriter out) throws IOException, InterruptedException {
        run(options, out, new BenchReport());
    }

    static void run(Options options, PrintWriter out, BenchReport report) throws IOException, InterruptedException {
        out.printf(
                Locale.ROOT,
                "bench scale-out; machine: %s; load average %.2f%n",
                Stats.machine(),
                ServeBenchmark.loadAverage());
        Path work = options.work() != null
                ? Files.createDirectories(options.work().toAbsolutePath().normalize())
                : Files.createTempDirectory("sluice-bench-scale-out");
        Path lucene = work.resolve("lucene");
        String password = System.getenv().getOrDefault("SLUICE_PG_PASSWORD", "sluice_test");
        long t0 = System.nanoTime();
        try (ScaleOutEngines engines = ScaleOutEngines.open(
                options.openSearchUrl(), options.postgresUrl(), options.postgresUser(), password, work)) {
            out.println("engines: " + engines.describe() + "; removed at the end");
            out.flush();
            EffectiveConfig scaleOut = engines.effective();
            IndexSettings settings = new IndexSettings(
                    scaleOut.model().id(),
                    scaleOut.model().version(),
                    scaleOut.model().dimensions(),
                    scaleOut.language());
            ScaleOutCorpus corpus = ScaleOutCorpus.generate(options.chunks(), options.queries());
            out.printf(
                    Locale.ROOT,
                    "%d chunks (one a document; 384-dim vectors in 200 clusters, generated text; every fifth"
                            + " document readable by group %s only) in %.1f s; %d queries, seed 99%n",
                    corpus.size(),
                    ScaleOutCorpus.RESTRICTED_GROUP,
                    (System.nanoTime() - t0) / 1e9,
                    options.queries());
            out.flush();
            Backends backends = Backends.of(scaleOut.backends(), scaleOut.index(), engines.environment());
            build(corpus, settings, new LuceneBackend(lucene), backends, options, out, report);
            List<IndexRow> rows = searchIndexes(corpus, lucene, backends, engines, scaleOut, options, out);
            recordIndexFigures(rows, options.threads(), report);
            if (options.http()) {
                ScaleOutHttp.run(corpus.queries(), lucene, engines, options, out, report);
            }
        } finally {
            if (options.work() == null) {
                FileTrees.deleteRecursively(work);
            } else {
                FileTrees.deleteRecursively(lucene);
                FileTrees.deleteRecursively(work.resolve("scale-out-local"));
                Files.deleteIfExists(work.resolve("sluice.yaml"));
            }
        }
        out.printf(
                Locale.ROOT,
                "%nwhole run %.0f s; load average at the end %.2f%n",
                (System.nanoTime() - t0) / 1e9,
                ServeBenchmark.loadAverage());
        out.flush();
    }

    private static void build(
            ScaleOutCorpus corpus,
            IndexSettings settings,
            LuceneBackend lucene,
            Backends openSearch,
            Options options,
            PrintWriter out,
            BenchReport report)
            throws InterruptedException {
        out.printf(
                Locale.ROOT, "%nBuild: every chunk written by %d threads, then one commit%n", options.indexThreads());
        out.println("| index | s | chunks/s | load average |");
        out.println("|---|---:|---:|---:|");
        out.flush();
        double luceneSeconds;
        try (ChunkIndex index = lucene.openForWriting(settings)) {
            luceneSeconds = corpus.writeInto(index, options.indexThreads());
        }
        buildRow("Lucene folder (LuceneBackend)", corpus.size(), luceneSeconds, out);
        double openSearchSeconds;
        try (ChunkIndex index = openSearch.index().openForWriting(settings)) {
            openSearchSeconds = corpus.writeInto(index, options.indexThreads());
        }
        buildRow("OpenSearch bulk (Backends, index.backend: opensearch)", corpus.size(), openSearchSeconds, out);
        double luceneRate = corpus.size() / luceneSeconds;
        report.figure("luceneBuildSeconds", "s", luceneSeconds)
                .figure("luceneBuildChunksPerSecond", "chunks/s", luceneRate)
                .figure("openSearchBuildSeconds", "s", openSearchSeconds, LUCENE, luceneSeconds)
                .figure(
                        "openSearchBuildChunksPerSecond",
                        "chunks/s",
                        corpus.size() / openSearchSeconds,
                        LUCENE,
                        luceneRate);
    }

    private static void buildRow(String what, int chunks, double seconds, PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "| %s | %.1f | %.0f | %.2f |%n",
                what,
                seconds,
                chunks / seconds,
                ServeBenchmark.loadAverage());
        out.flush();
    }

    private static List<IndexRow> searchIndexes(
            ScaleOutCorpus corpus,
            Path lucene,
            Backends openSearch,
            ScaleOutEngines engines,
            EffectiveConfig config,
            Options options,
            PrintWriter out)
            throws InterruptedException {
        out.printf(
                Locale.ROOT,
                "%nSearch through SearchIndex.retriever(...): %d queries a pass after %d not timed; query vectors"
                        + " computed beforehand (no model in these figures); k %d; caller filter of principal %s,"
                        + " groups %s; then %d threads for %d s%n",
                options.queries(),
                options.warmUp(),
                options.k(),
                PRINCIPAL,
                GROUPS,
                options.threads(),
                options.phase().toSeconds());
        String threads = options.threads() + " threads";
        out.println("| mode | index | p50 ms | p99 ms | mean ms | queries/s, 1 thread | queries/s, " + threads
                + " | p50 / p99 ms, " + threads + " | top-" + options.k() + " same as Lucene"
                + " | in the engine: ms a search (requests) | load average |");
        out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        out.flush();
        SearchFilters caller = SearchFilters.NONE.forCaller(AccessList.callerTokens(PRINCIPAL, GROUPS));
        List<IndexRow> rows = new ArrayList<>();
        try (SearchIndex luceneIndex = new LuceneBackend(lucene).openForReading();
                SearchIndex openSearchIndex = openSearch.index().openForReading()) {
            IndexRetriever luceneRetriever = luceneIndex.retriever(config.retrieval(), null);
            IndexRetriever openSearchRetriever = openSearchIndex.retriever(config.retrieval(), null);
            for (SearchMode mode : List.of(SearchMode.BM25, SearchMode.DENSE, SearchMode.HYBRID)) {
                List<Set<String>> luceneTop = new ArrayList<>();
                rows.add(measure(mode, "Lucene", luceneRetriever, corpus, caller, options, luceneTop, null, null, out));
                rows.add(measure(
                        mode,
                        "OpenSearch",
                        openSearchRetriever,
                        corpus,
                        caller,
                        options,
                        null,
                        luceneTop,
                        engines::searchStats,
                        out));
            }
        }
        return rows;
    }

    private static IndexRow measure(
            SearchMode mode,
            String name,
            IndexRetriever retriever,
            ScaleOutCorpus corpus,
            SearchFilters caller,
            Options options,
            List<Set<String>> keep,
            List<Set<String>> lucene,
            java.util.function.Supplier<double[]> engineStats,
            PrintWriter out)
            throws InterruptedException {
        List<String> texts = corpus.queries();
        List<float[]> vectors = corpus.queryVectors();
        int n = texts.size();
        for (int i = 0; i < options.warmUp(); i++) {
            search(retriever, mode, texts.get(i % n), vectors.get(i % n), options.k(), caller);
        }
        double[] millis = new double[n];
        double same = 0;
        double[] before = engineStats == null ? null : engineStats.get();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            List<SearchHit> hits = search(retriever, mode, texts.get(i), vectors.get(i), options.k(), caller);
            millis[i] = (System.nanoTime() - t) / 1e6;
            Set<String> ids = new HashSet<>();
            hits.forEach(h -> ids.add(h.chunkId()));
            if (keep != null) {
                keep.add(ids);
                same += 1;
            } else {
                Set<String> reference = lucene.get(i);
                long common = ids.stream().filter(reference::contains).count();
                same += reference.isEmpty() && ids.isEmpty() ? 1 : (double) common / Math.max(1, reference.size());
            }
        }
        double perSecond = n / ((System.nanoTime() - start) / 1e9);
        double engineMillis = Double.NaN;
        double requests = Double.NaN;
        if (engineStats != null) {
            double[] after = engineStats.get();
            requests = (after[0] - before[0]) / n;
            engineMillis = (after[1] - before[1]) / n;
        }
        LoadGenerator.Phase phase = new LoadGenerator.Phase();
        double seconds = LoadGenerator.closedLoop(
                phase,
                options.threads(),
                new LoadGenerator.Bounds(options.phase().toNanos(), Long.MAX_VALUE),
                n,
                q -> {
                    search(retriever, mode, texts.get(q), vectors.get(q), options.k(), caller);
                    return 200;
                });
        LoadGenerator.Result loaded = phase.result(name, seconds, false);
        IndexRow row = new IndexRow(
                mode,
                name,
                Stats.percentile(millis, 50),
                Stats.percentile(millis, 99),
                Stats.mean(millis),
                perSecond,
                loaded.perSecond(),
                loaded.millis(50),
                loaded.millis(99),
                loaded.errorCount(),
                same / n,
                engineMillis,
                requests,
                ServeBenchmark.loadAverage());
        out.printf(
                Locale.ROOT,
                "| %s | %s | %.2f | %.2f | %.2f | %.0f | %.0f%s | %.2f / %.2f | %.3f | %s | %.2f |%n",
                mode.label(),
                name,
                row.p50(),
                row.p99(),
                row.mean(),
                row.perSecond(),
                row.threadsPerSecond(),
                row.errors() == 0 ? "" : " (" + loaded.errorsText() + ")",
                row.threadsP50(),
                row.threadsP99(),
                row.sameAsLucene(),
                Double.isNaN(row.engineMillis())
                        ? "-"
                        : String.format(Locale.ROOT, "%.2f (%.1f)", row.engineMillis(), row.requestsPerSearch()),
                row.loadAverage());
        out.flush();
        return row;
    }

    private static List<SearchHit> search(
            IndexRetriever retriever, SearchMode mode, String text, float[] vector, int k, SearchFilters caller) {
        return retriever.search(new SearchRequest(text, mode, k, caller), mode == SearchMode.BM25 ? null : vector);
    }

    /**
     * The index figures, named {@code <index><Mode><Figure>} ({@code openSearchHybridP50}); OpenSearch's
     * beside Lucene's from the same run.
     */
    static void recordIndexFigures(List<IndexRow> rows, int threads, BenchReport report) {
        for (IndexRow row : rows) {
            IndexRow base = rows.stream()
                    .filter(r -> r.mode() == row.mode() && r.index().equals("Lucene"))
                    .findFirst()
                    .orElse(null);
            boolean isBase = base == null || base == row;
            String prefix = (row.index().equals("Lucene") ? "lucene" : "openSearch") + camel(row.mode());
            String baseName = isBase ? null : LUCENE;
            report.figure(prefix + "P50", "ms", row.p50(), baseName, isBase ? null : base.p50())
                    .figure(prefix + "P99", "ms", row.p99(), baseName, isBase ? null : base.p99())
                    .figure(prefix + "Mean", "ms", row.mean(), baseName, isBase ? null : base.mean())
                    .figure(
                            prefix + "QueriesPerSecond",
                            "queries/s",
                            row.perSecond(),
                            baseName,
                            isBase ? null : base.perSecond())
                    .figure(
                            prefix + "Threads" + threads + "QueriesPerSecond",
                            "queries/s",
                            row.threadsPerSecond(),
                            baseName,
                            isBase ? null : base.threadsPerSecond())
                    .figure(
                            prefix + "Threads" + threads + "P99",
                            "ms",
                            row.threadsP99(),
                            baseName,
                            isBase ? null : base.threadsP99());
            if (!isBase) {
                report.figure(prefix + "SameTopKAsLucene", "share", row.sameAsLucene())
                        .figure(prefix + "EngineMillisPerSearch", "ms", row.engineMillis())
                        .figure(prefix + "RequestsPerSearch", "count", row.requestsPerSearch());
            }
        }
    }

    /** A mode's label in camelCase with a capital: {@code Bm25}, {@code Hybrid}. */
    static String camel(SearchMode mode) {
        String label = mode.label();
        return Character.toUpperCase(label.charAt(0)) + label.substring(1);
    }
}
