package dev.sluice.bench;

import dev.sluice.KnowledgeBase;
import dev.sluice.access.ApiKeys;
import dev.sluice.backend.Backends;
import dev.sluice.backend.CatalogStores;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.config.SluiceConfig;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.serve.SluiceServer;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Part 2 of {@code bench scale-out}: the same {@code /v1/search} load (a closed loop of {@code --clients}
 * clients, the benchmark's queries cycled) on three in-process deployments of the same chunks, measured one
 * after the other per mode: the embedded knowledge base (Lucene folder + SQLite), one replica over
 * OpenSearch + PostgreSQL, and two such replicas taking requests in turn. Each replica is a
 * {@link SluiceServer} over its own {@link KnowledgeBase} opened on the same sluice.yaml, so each has its own
 * searcher, model, OpenSearch client and PostgreSQL connection; all of them, OpenSearch and the clients
 * share this machine's cores. Before timing, every query is sent once in each mode to every service, so
 * the query vectors come from each searcher's cache and the model is out of the figures.
 */
final class ScaleOutHttp {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** One phase's figures. */
    record HttpRow(String deployment, SearchMode mode, LoadGenerator.Result result, double loadAverage) {}

    private ScaleOutHttp() {}

    static List<HttpRow> run(
            List<String> queries,
            Path lucene,
            ScaleOutEngines engines,
            ScaleOutBenchmark.Options options,
            PrintWriter out,
            BenchReport report)
            throws InterruptedException {
        EffectiveConfig embedded = EffectiveConfig.resolve(
                SluiceConfig.defaults(), Flags.NONE.with(EffectiveConfig.INDEX, lucene, "--index"));
        String embeddedKey = key(Backends.embedded(lucene));
        EffectiveConfig scaleOut = engines.effective();
        String sharedKey = key(Backends.of(scaleOut.backends(), scaleOut.index(), engines.environment()));
        SluiceServer.Limits unlimited = SluiceServer.Limits.DEFAULTS.withRate(1e9, 1_000_000_000);
        out.printf(
                Locale.ROOT,
                "%nHTTP: GET /v1/search, %d clients (closed loop) for %d s a phase, k %d, key of principal %s;"
                        + " every query sent once in each mode to each service first (query vectors cached)%n",
                options.clients(),
                options.phase().toSeconds(),
                options.k(),
                ScaleOutBenchmark.PRINCIPAL);
        out.println("| mode | deployment | requests | queries/s | p50 ms | p90 ms | p99 ms | max ms | errors"
                + " | load average |");
        out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        out.flush();
        List<HttpRow> rows = new ArrayList<>();
        try (SluiceServer local = SluiceServer.start(KnowledgeBase.open(embedded), "127.0.0.1", 0, unlimited);
                SluiceServer a = SluiceServer.start(
                        KnowledgeBase.open(scaleOut, engines.environment()), "127.0.0.1", 0, unlimited);
                SluiceServer b = SluiceServer.start(
                        KnowledgeBase.open(scaleOut, engines.environment()), "127.0.0.1", 0, unlimited);
                HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(TIMEOUT)
                        .build()) {
            Map<String, List<Target>> deployments = new LinkedHashMap<>();
            deployments.put("embedded (Lucene + SQLite)", List.of(new Target(local.port(), embeddedKey)));
            deployments.put("1 replica (OpenSearch + PostgreSQL)", List.of(new Target(a.port(), sharedKey)));
            deployments.put(
                    "2 replicas, round-robin",
                    List.of(new Target(a.port(), sharedKey), new Target(b.port(), sharedKey)));
            List<SearchMode> modes = List.of(SearchMode.HYBRID, SearchMode.BM25);
            for (Target t : List.of(
                    new Target(local.port(), embeddedKey),
                    new Target(a.port(), sharedKey),
                    new Target(b.port(), sharedKey))) {
                for (SearchMode mode : modes) {
                    warm(http, t, queries, mode, options.k());
                }
            }
            for (SearchMode mode : modes) {
                for (var deployment : deployments.entrySet()) {
                    List<HttpRequest> requests = new ArrayList<>();
                    for (int i = 0; i < queries.size(); i++) {
                        List<Target> targets = deployment.getValue();
                        Target t = targets.get(i % targets.size());
                        requests.add(request(t, queries.get(i), mode, options.k()));
                    }
                    AtomicLong cursor = new AtomicLong();
                    // Consecutive requests go to alternate replicas: query i is prepared for replica i mod 2.
                    LoadGenerator.Call call = q -> http.send(
                                    requests.get((int) (cursor.getAndIncrement() % requests.size())),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                    LoadGenerator.Phase phase = new LoadGenerator.Phase();
                    double seconds = LoadGenerator.closedLoop(
                            phase,
                            options.clients(),
                            new LoadGenerator.Bounds(options.phase().toNanos(), Long.MAX_VALUE),
                            queries.size(),
                            call);
                    HttpRow row = new HttpRow(
                            deployment.getKey(),
                            mode,
                            phase.result(deployment.getKey(), seconds, false),
                            ServeBenchmark.loadAverage());
                    rows.add(row);
                    print(row, out);
                }
            }
        }
        recordFigures(rows, report);
        return rows;
    }

    private record Target(int port, String key) {}

    /** A key with the query scope for the benchmark's caller, created in the catalog of {@code backends}. */
    private static String key(Backends backends) {
        try (CatalogStores catalog = backends.openCatalog()) {
            return ApiKeys.create(
                            catalog,
                            ScaleOutBenchmark.PRINCIPAL,
                            ScaleOutBenchmark.GROUPS,
                            List.of("query"),
                            System.currentTimeMillis())
                    .key();
        }
    }

    private static HttpRequest request(Target t, String q, SearchMode mode, int k) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + t.port() + "/v1/search?q="
                        + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&mode=" + mode.label() + "&k=" + k))
                .header("Authorization", "Bearer " + t.key())
                .timeout(TIMEOUT)
                .GET()
                .build();
    }

    /** Every query once, in order; the first answer that is not 200 stops the run with its body. */
    private static void warm(HttpClient http, Target t, List<String> queries, SearchMode mode, int k)
            throws InterruptedException {
        for (String q : queries) {
            HttpResponse<String> response;
            try {
                response = http.send(request(t, q, mode, k), HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                throw new IllegalStateException("the service on port " + t.port() + " did not answer: " + e, e);
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the service on port " + t.port() + " answered HTTP "
                        + response.statusCode() + " to a " + mode.label() + " search: " + response.body());
            }
        }
    }

    private static void print(HttpRow row, PrintWriter out) {
        LoadGenerator.Result r = row.result();
        out.printf(
                Locale.ROOT,
                "| %s | %s | %d | %.0f | %.2f | %.2f | %.2f | %.2f | %s | %.2f |%n",
                row.mode().label(),
                row.deployment(),
                r.requests(),
                r.perSecond(),
                r.millis(50),
                r.millis(90),
                r.millis(99),
                r.maxMillis(),
                r.errorCount() == 0 ? "0" : r.errorsText(),
                row.loadAverage());
        out.flush();
    }

    /**
     * {@code http<Deployment><Mode><Figure>}: {@code httpEmbeddedHybridP50}; one replica's beside the
     * embedded service's, two replicas' beside one replica's. The phase table goes to {@code results.http}.
     */
    static void recordFigures(List<HttpRow> rows, BenchReport report) {
        List<Map<String, Object>> table = new ArrayList<>();
        String[] names = {"Embedded", "OneReplica", "TwoReplicas"};
        String[] baselines = {null, "embedded service (same run)", "one replica (same run)"};
        for (SearchMode mode : List.of(SearchMode.HYBRID, SearchMode.BM25)) {
            List<HttpRow> ofMode = rows.stream().filter(r -> r.mode() == mode).toList();
            for (int i = 0; i < ofMode.size() && i < names.length; i++) {
                LoadGenerator.Result r = ofMode.get(i).result();
                LoadGenerator.Result base = i == 0 ? null : ofMode.get(i - 1).result();
                String name = "http" + names[i] + ScaleOutBenchmark.camel(mode);
                report.figure(
                                name + "QueriesPerSecond",
                                "queries/s",
                                r.perSecond(),
                                baselines[i],
                                base == null ? null : base.perSecond())
                        .figure(name + "P50", "ms", r.millis(50), baselines[i], base == null ? null : base.millis(50))
                        .figure(name + "P99", "ms", r.millis(99), baselines[i], base == null ? null : base.millis(99))
                        .figure(name + "Errors", "count", r.errorCount());
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("mode", mode.label());
                line.put("deployment", ofMode.get(i).deployment());
                line.put("requests", r.requests());
                line.put("queriesPerSecond", BenchReport.finite(r.perSecond()));
                line.put("p50", BenchReport.finite(r.millis(50)));
                line.put("p99", BenchReport.finite(r.millis(99)));
                line.put("loadAverage", BenchReport.finite(ofMode.get(i).loadAverage()));
                table.add(line);
            }
        }
        report.result("http", table);
    }
}
