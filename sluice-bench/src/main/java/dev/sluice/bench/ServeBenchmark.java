package dev.sluice.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.IngestOptions;
import dev.sluice.Ingester;
import dev.sluice.Sluice;
import dev.sluice.access.ApiKeys;
import dev.sluice.config.SluiceConfig;
import dev.sluice.core.AccessList;
import dev.sluice.retrieve.SearchFilters;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import dev.sluice.serve.SluiceServer;
import dev.sluice.sqlite.SqliteCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * {@code sluice bench serve}: load on {@code /v1/search} of a service started in this process on
 * 127.0.0.1, beside its baseline (the same searches through {@link Sluice.Searcher}, no HTTP, same
 * threads, same run). Phases, each bounded in time and request count: the in-process baseline; a
 * closed loop over HTTP (the most the service does); an open loop at a fixed rate (latency from each
 * request's due time, no coordinated omission); the same with a sync rewriting files and ingesting
 * into the same index; optionally a soak at the rate with the sync running, sampling the heap after
 * a GC. Prints the figures and marks the targets met or missed; asserts nothing.
 */
public final class ServeBenchmark {
    private static final String PRINCIPAL = "bench-serve";
    /** After a sync's last round, how long to wait for its commit to become searchable (at most a phase). */
    static final long GRACE_MILLIS = 3_000;

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param index the knowledge base: reused when it holds at least {@code chunks} chunks, else built
     * @param corpus a folder of files to build it from, or null for generated text
     * @param chunks chunks wanted
     * @param mode search mode of every request
     * @param k results a request asks for
     * @param phase how long each phase runs
     * @param maxRequests most requests a phase sends
     * @param clients closed-loop workers, and the open loop's most requests in flight
     * @param rate open-loop requests a second
     * @param soak soak length (zero: no soak)
     * @param heapEvery time between heap samples in the soak
     * @param queries distinct queries to cycle through
     * @param queryFile queries to use (BEIR queries.jsonl or one a line), or null to sample them from the index
     * @param syncFiles files the sync rewrites each round
     * @param syncThreads the sync's embedding threads
     * @param niceness how far below the service's OS priority the sync's threads run (0: not lowered)
     */
    public record Options(
            Path index,
            Path corpus,
            int chunks,
            SearchMode mode,
            int k,
            Duration phase,
            long maxRequests,
            int clients,
            double rate,
            Duration soak,
            Duration heapEvery,
            int queries,
            Path queryFile,
            int syncFiles,
            int syncThreads,
            int niceness) {
        public Options {
            positive("--chunks", chunks);
            positive("--k", k);
            positive("--max-requests", maxRequests);
            positive("--clients", clients);
            positive("--queries", queries);
            positive("--sync-files", syncFiles);
            positive("--sync-threads", syncThreads);
            if (niceness < 0 || niceness > dev.sluice.core.Niceness.IDLE) {
                throw new IllegalArgumentException(
                        "--niceness must be 0 to 19, or 20 for the idle scheduling class, got " + niceness);
            }
            if (phase.isZero() || phase.isNegative()) {
                throw new IllegalArgumentException("--seconds must be > 0, got " + phase.toSeconds());
            }
            if (!(rate > 0)) {
                throw new IllegalArgumentException("--rate must be > 0 requests a second, got " + rate);
            }
            if (soak.isNegative() || heapEvery.isZero() || heapEvery.isNegative()) {
                throw new IllegalArgumentException("--soak-minutes must be >= 0, got " + soak.toMinutes());
            }
        }

        private static void positive(String name, long value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be > 0, got " + value);
            }
        }
    }

    /** What a run measured (the report is printed as it goes). */
    record Result(
            int chunks,
            List<LoadGenerator.Result> phases,
            SyncChurn.Summary idleSync,
            SyncChurn.Summary sync,
            SyncChurn.Summary soakSync,
            long[] heapMib) {}

    private ServeBenchmark() {}

    public static void run(Options options, PrintWriter out) throws IOException, InterruptedException {
        measure(options, out);
    }

    /** As {@link #run(Options, PrintWriter)}, recording the figures in {@code report} ({@link ServeFigures}). */
    static void run(Options options, PrintWriter out, BenchReport report) throws IOException, InterruptedException {
        ServeFigures.record(options, measure(options, out), report);
    }

    static Result measure(Options options, PrintWriter out) throws IOException, InterruptedException {
        Path index = options.index().toAbsolutePath().normalize();
        Path corpus = options.corpus() == null
                ? null
                : options.corpus().toAbsolutePath().normalize();
        out.printf(Locale.ROOT, "bench serve; machine: %s; load average %.2f%n", Stats.machine(), loadAverage());
        out.flush();
        ServeKnowledgeBase.Loaded kb = ServeKnowledgeBase.ensure(index, corpus, options.chunks(), out);
        if (kb.built()) {
            out.printf(
                    Locale.ROOT,
                    "knowledge base built in %.1f s: %d chunks at %s%n",
                    kb.buildSeconds(),
                    kb.chunks(),
                    index);
        } else {
            out.printf(Locale.ROOT, "knowledge base reused: %d chunks at %s (not rebuilt)%n", kb.chunks(), index);
        }
        List<String> queries = options.queryFile() != null
                ? ServeKnowledgeBase.readQueries(options.queryFile(), options.queries())
                : ServeKnowledgeBase.sampleQueries(index, options.queries(), 42);
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("no queries in " + options.queryFile());
        }
        out.printf(
                Locale.ROOT,
                "%d distinct queries (%s), cycled; mode %s, k %d; each phase at most %d s and %d requests%n",
                queries.size(),
                options.queryFile() != null ? "from " + options.queryFile() : "2-6 words from random chunks, seed 42",
                options.mode().label(),
                options.k(),
                options.phase().toSeconds(),
                options.maxRequests());
        // The sync's texts and marker words change with every run, so no run takes vectors from the cache.
        String nonce = Long.toString(System.currentTimeMillis(), 36);
        out.printf(
                Locale.ROOT,
                "sync phases: %d files rewritten a round in %s, texts seeded from '%s'%n",
                options.syncFiles(),
                ServeKnowledgeBase.churnFolder(index),
                nonce);
        out.flush();

        Path churn = ServeKnowledgeBase.churnFolder(index);
        SyncChurn.reset(churn);
        String keyId;
        String key;
        try (SqliteCatalog catalog = SqliteCatalog.openExisting(index)) {
            ApiKeys.Created created = ApiKeys.create(
                    catalog, PRINCIPAL, List.of(), List.of("query", "admin"), System.currentTimeMillis());
            keyId = created.record().id();
            key = created.key();
        }
        try {
            return phases(options, index, kb, queries, churn, key, nonce, out);
        } finally {
            try (SqliteCatalog catalog = SqliteCatalog.openExisting(index)) {
                catalog.revokeApiKey(keyId, System.currentTimeMillis()); // one key per run, never left valid
            }
        }
    }

    private static Result phases(
            Options options,
            Path index,
            ServeKnowledgeBase.Loaded kb,
            List<String> queries,
            Path churn,
            String key,
            String nonce,
            PrintWriter out)
            throws InterruptedException {
        LoadGenerator.Bounds bounds = new LoadGenerator.Bounds(options.phase().toNanos(), options.maxRequests());
        List<LoadGenerator.Result> phases = new ArrayList<>();
        SluiceConfig config = SluiceConfig.defaults();
        out.println();
        out.println(
                "| phase | requests | s | queries/s | p50 ms | p90 ms | p99 ms | max ms | errors | behind schedule | dropped |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        out.flush();

        // 1. The baseline: the same searches, the same caller filter, the same threads, no HTTP.
        SearchFilters callerFilter = SearchFilters.NONE.forCaller(AccessList.callerTokens(PRINCIPAL, List.of()));
        try (Sluice.Searcher searcher = Sluice.openSearcher(index, config.retrieval())) {
            // Queries go on from phase to phase: one comes back only after all were sent once, so the
            // searcher's query-vector cache sees no repeat before then.
            java.util.concurrent.atomic.AtomicLong cursor = new java.util.concurrent.atomic.AtomicLong();
            LoadGenerator.Call inProcess = i -> {
                String q = queries.get((int) (cursor.getAndIncrement() % queries.size()));
                searcher.search(new SearchRequest(q, options.mode(), options.k(), callerFilter));
                return 200;
            };
            warmUp(inProcess, queries.size(), options.phase());
            phases.add(closed(
                    "1. in-process baseline: Searcher.search, " + options.clients() + " threads, no HTTP",
                    options,
                    bounds,
                    queries.size(),
                    inProcess,
                    out));
        }

        SyncChurn.Summary idleSync;
        SyncChurn.Summary sync;
        SyncChurn.Summary soakSync = null;
        long[] heap = new long[0];
        SluiceServer.Limits unlimited = SluiceServer.Limits.DEFAULTS.withRate(1e9, 1_000_000_000);
        try (SluiceServer server = SluiceServer.start(
                        dev.sluice.KnowledgeBase.open(dev.sluice.config.EffectiveConfig.resolve(
                                config,
                                dev.sluice.config.Flags.NONE.with(
                                        dev.sluice.config.EffectiveConfig.INDEX, index, "--index"))),
                        "127.0.0.1",
                        0,
                        unlimited);
                HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(REQUEST_TIMEOUT)
                        .build()) {
            String base = "http://127.0.0.1:" + server.port();
            List<HttpRequest> requests = new ArrayList<>();
            for (String q : queries) {
                requests.add(searchRequest(base, key, q, options.mode(), options.k()));
            }
            java.util.concurrent.atomic.AtomicLong cursor = new java.util.concurrent.atomic.AtomicLong();
            LoadGenerator.Call overHttp = i -> http.send(
                            requests.get((int) (cursor.getAndIncrement() % requests.size())),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            warmUp(overHttp, queries.size(), options.phase());
            phases.add(closed(
                    "2. HTTP closed loop, " + options.clients() + " clients",
                    options,
                    bounds,
                    queries.size(),
                    overHttp,
                    out));
            String rate = String.format(Locale.ROOT, "%.0f/s", options.rate());
            phases.add(open("3. HTTP open loop at " + rate, options, bounds, queries.size(), overHttp, out));

            List<Path> sources = new ArrayList<>();
            if (Files.isDirectory(kb.corpus())) {
                sources.add(kb.corpus());
            } else {
                out.println("note: the corpus folder " + kb.corpus() + " is gone; the sync runs over the churn folder");
            }
            sources.add(churn);
            try (Ingester ingester = new Ingester(IngestOptions.defaults(sources, index)
                    .withEmbedThreads(options.syncThreads())
                    .withNiceness(options.niceness()))) {
                SyncChurn churner = new SyncChurn(
                        ingester,
                        churn,
                        options.syncFiles(),
                        word -> searchable(http, base, key, word),
                        nonce,
                        Math.min(GRACE_MILLIS, options.phase().toMillis()));
                // The sync's idle rate, the baseline of its rate under load: the same rounds, no searches.
                churner.start();
                Thread.sleep(options.phase().toMillis());
                idleSync = churner.stop();
                out.printf(
                        Locale.ROOT,
                        "| sync alone, no searches (%d rounds, %d chunks embedded) | 0 | %.1f | | | | | | | | |%n",
                        idleSync.rounds(),
                        idleSync.embeddingsComputed(),
                        idleSync.seconds());
                out.flush();
                churner.start();
                phases.add(open(
                        "4. HTTP open loop at " + rate + ", sync running",
                        options,
                        bounds,
                        queries.size(),
                        overHttp,
                        out));
                sync = churner.stop();
                if (!options.soak().isZero()) {
                    List<Long> samples = new ArrayList<>();
                    churner.start();
                    phases.add(soak(options, queries.size(), overHttp, samples, out));
                    soakSync = churner.stop();
                    heap = samples.stream().mapToLong(Long::longValue).toArray();
                }
            }
            out.println(ServeReport.queryVectors(http, base, key));
        }
        Result result = new Result(kb.chunks(), phases, idleSync, sync, soakSync, heap);
        ServeReport.summary(options, result, out);
        return result;
    }

    private static HttpRequest searchRequest(String base, String key, String q, SearchMode mode, int k) {
        return HttpRequest.newBuilder(URI.create(base + "/v1/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
                        + "&mode=" + mode.label() + "&k=" + k))
                .header("Authorization", "Bearer " + key)
                .timeout(REQUEST_TIMEOUT)
                .GET()
                .build();
    }

    /** Whether a BM25 search through the service finds {@code word} (the sync's marker). */
    private static boolean searchable(HttpClient http, String base, String key, String word) {
        try {
            HttpResponse<String> response =
                    http.send(searchRequest(base, key, word, SearchMode.BM25, 1), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return false;
            }
            JsonNode results = JSON.readTree(response.body()).path("results");
            return results.isArray() && !results.isEmpty();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A few hundred requests first (at most 3 s or a phase), so the JIT, the model and the connections are warm. */
    private static void warmUp(LoadGenerator.Call call, int queries, Duration phase) throws InterruptedException {
        LoadGenerator.closedLoop(
                new LoadGenerator.Phase(),
                4,
                new LoadGenerator.Bounds(Math.min(Duration.ofSeconds(3).toNanos(), phase.toNanos()), 300),
                queries,
                call);
    }

    private static LoadGenerator.Result closed(
            String label,
            Options options,
            LoadGenerator.Bounds bounds,
            int queries,
            LoadGenerator.Call call,
            PrintWriter out)
            throws InterruptedException {
        LoadGenerator.Phase phase = new LoadGenerator.Phase();
        double seconds = LoadGenerator.closedLoop(phase, options.clients(), bounds, queries, call);
        return print(phase.result(label, seconds, false), out);
    }

    private static LoadGenerator.Result open(
            String label,
            Options options,
            LoadGenerator.Bounds bounds,
            int queries,
            LoadGenerator.Call call,
            PrintWriter out)
            throws InterruptedException {
        LoadGenerator.Phase phase = new LoadGenerator.Phase();
        double seconds = LoadGenerator.openLoop(phase, options.rate(), options.clients(), bounds, queries, call);
        return print(phase.result(label, seconds, true), out);
    }

    private static LoadGenerator.Result print(LoadGenerator.Result r, PrintWriter out) {
        out.println(LoadGenerator.describe(r));
        out.flush();
        return r;
    }

    /**
     * The open loop at the rate for the soak's length, the sync running; every {@code heapEvery} the
     * heap used after a full GC (the GC's pause lands in that interval's latencies, as it would for a
     * real service) and the interval's figures.
     */
    private static LoadGenerator.Result soak(
            Options options, int queries, LoadGenerator.Call call, List<Long> heapMib, PrintWriter out)
            throws InterruptedException {
        LoadGenerator.Phase phase = new LoadGenerator.Phase();
        AtomicReference<Double> seconds = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        LoadGenerator.Bounds bounds = new LoadGenerator.Bounds(options.soak().toNanos(), options.maxRequests());
        List<String> lines = new ArrayList<>();
        heapMib.add(heapAfterGcMib());
        Thread load = Thread.ofPlatform().name("sluice-bench-soak").start(() -> {
            try {
                seconds.set(LoadGenerator.openLoop(phase, options.rate(), options.clients(), bounds, queries, call));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        long start = System.nanoTime();
        long every = options.heapEvery().toNanos();
        long lastSample = start;
        for (int n = 1; load.isAlive(); n++) {
            long next = start + n * every;
            while (load.isAlive() && System.nanoTime() - next < 0) {
                load.join(Duration.ofMillis(Math.max(1, Math.min(1_000, (next - System.nanoTime()) / 1_000_000))));
            }
            if (!load.isAlive() && System.nanoTime() - lastSample < every / 2) {
                break; // the load ended just after a sample: its last moments go into the phase's figures only
            }
            lastSample = System.nanoTime();
            Histogram interval = phase.interval();
            long mib = heapAfterGcMib();
            heapMib.add(mib);
            lines.add(String.format(
                    Locale.ROOT,
                    "| %.1f s | %d | %.2f | %.2f | %d |",
                    (lastSample - start) / 1e9,
                    interval.getTotalCount(),
                    interval.getTotalCount() == 0 ? Double.NaN : interval.getValueAtPercentile(50) / 1000.0,
                    interval.getTotalCount() == 0 ? Double.NaN : interval.getValueAtPercentile(99) / 1000.0,
                    mib));
        }
        load.join();
        if (failure.get() != null) {
            throw failure.get();
        }
        LoadGenerator.Result result = phase.result(
                String.format(
                        Locale.ROOT,
                        "5. soak: open loop at %.0f/s for %d s, sync running",
                        options.rate(),
                        options.soak().toSeconds()),
                seconds.get() == null ? (System.nanoTime() - start) / 1e9 : seconds.get(),
                true);
        print(result, out);
        out.println();
        out.printf(Locale.ROOT, "soak, heap used after a full GC (first sample before the load):%n");
        out.println("| at | requests | p50 ms | p99 ms | heap MiB |");
        out.println("|---|---:|---:|---:|---:|");
        out.printf(Locale.ROOT, "| 0 s | | | | %d |%n", heapMib.get(0));
        lines.forEach(out::println);
        out.flush();
        return result;
    }

    /** The system's 1-minute load average: other work on a shared machine shows here. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long heapAfterGcMib() {
        System.gc(); // the figure that shows a leak is what survives a full collection
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }
}
