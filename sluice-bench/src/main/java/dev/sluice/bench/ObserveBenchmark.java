package dev.sluice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.Evaluations;
import dev.sluice.KnowledgeBase;
import dev.sluice.access.ApiKeys;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.config.SluiceConfig;
import dev.sluice.eval.Metric;
import dev.sluice.retrieve.SearchFilters;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import dev.sluice.serve.SluiceServer;
import java.io.IOException;
import java.io.PrintWriter;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code sluice bench observe}: what observing costs, on an existing knowledge base, over HTTP.
 *
 * <p>Part 1, tracing overhead: two services on the same index in one process, one tracing every
 * request as usual, the other with {@code OTEL_SDK_DISABLED=true} (its spans are no-ops); one client
 * sends the same searches to both, one request at a time, in alternating order, round after round (the
 * first a warm-up); p50 and p99 side by side.
 *
 * <p>Part 2, the dashboard at scale: the traced service's trace store is filled to {@code --traces}
 * requests (searches and some questions), two eval runs store {@code --eval-queries} queries in two
 * modes each, the detectors run once; then a signed-in client fetches every dashboard page {@code
 * --page-repeats} times and reports each page's latency on loopback (an upper bound of its server time).
 */
final class ObserveBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    record Options(
            Path index,
            int queries,
            SearchMode mode,
            int k,
            int rounds,
            int traces,
            int evalQueries,
            int pageRepeats) {}

    private ObserveBenchmark() {}

    static void run(Options o, PrintWriter out) throws IOException, InterruptedException {
        run(o, out, new BenchReport());
    }

    /**
     * As {@link #run(Options, PrintWriter)}, recording the traced latencies beside the untraced ones, the
     * store's counts, and each dashboard page ({@code results.pages}) in {@code report}.
     */
    static void run(Options o, PrintWriter out, BenchReport report) throws IOException, InterruptedException {
        Path index = o.index().toAbsolutePath().normalize();
        out.printf(
                Locale.ROOT,
                "bench observe; machine: %s; load average %.2f; index %s (%d chunks)%n",
                Stats.machine(),
                ServeBenchmark.loadAverage(),
                index,
                ServeKnowledgeBase.chunkCount(index));
        out.flush();
        List<String> queries = ServeKnowledgeBase.sampleQueries(index, o.queries(), 42);
        EffectiveConfig config = EffectiveConfig.resolve(
                SluiceConfig.defaults(), Flags.NONE.with(EffectiveConfig.INDEX, index, "--index"));
        String key;
        String keyId;
        try (KnowledgeBase kb = KnowledgeBase.open(config)) {
            ApiKeys.Created created = ApiKeys.create(
                    kb.keys(),
                    "bench-observe",
                    List.of(),
                    List.of("query", "ingest", "admin"),
                    System.currentTimeMillis());
            key = created.key();
            keyId = created.record().id();
        }
        SluiceServer.Limits unlimited = SluiceServer.Limits.DEFAULTS.withRate(1e9, 1_000_000_000);
        KnowledgeBase traced = KnowledgeBase.open(config);
        KnowledgeBase untraced = KnowledgeBase.open(config, Map.of("OTEL_SDK_DISABLED", "true"));
        try (SluiceServer on = SluiceServer.start(traced, "127.0.0.1", 0, unlimited);
                SluiceServer off = SluiceServer.start(untraced, "127.0.0.1", 0, unlimited);
                HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(TIMEOUT)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build()) {
            String tracedBase = "http://127.0.0.1:" + on.port();
            String untracedBase = "http://127.0.0.1:" + off.port();
            overhead(o, queries, http, tracedBase, untracedBase, key, out, report);
            fill(o, queries, traced, http, tracedBase, key, out, report);
            pages(o, traced, http, tracedBase, key, out, report);
        } finally {
            try (KnowledgeBase kb = KnowledgeBase.open(config)) {
                kb.keys().revokeApiKey(keyId, System.currentTimeMillis());
            }
        }
    }

    private static void overhead(
            Options o,
            List<String> queries,
            HttpClient http,
            String tracedBase,
            String untracedBase,
            String key,
            PrintWriter out,
            BenchReport report)
            throws IOException, InterruptedException {
        out.printf(
                Locale.ROOT,
                "part 1: tracing overhead over HTTP, %s, k %d, %d queries a round, %d rounds (the first a warm-up)%n",
                o.mode().label(),
                o.k(),
                queries.size(),
                o.rounds());
        List<Double> on = new ArrayList<>();
        List<Double> offTimes = new ArrayList<>();
        for (int round = 0; round < o.rounds(); round++) {
            boolean tracedFirst = round % 2 == 0;
            for (int pass = 0; pass < 2; pass++) {
                boolean tracing = (pass == 0) == tracedFirst;
                String base = tracing ? tracedBase : untracedBase;
                for (String q : queries) {
                    double ms = time(http, search(base, key, q, o.mode(), o.k()));
                    if (round > 0) {
                        (tracing ? on : offTimes).add(ms);
                    }
                }
            }
        }
        double[] a = offTimes.stream().mapToDouble(Double::doubleValue).toArray();
        double[] b = on.stream().mapToDouble(Double::doubleValue).toArray();
        out.printf(Locale.ROOT, "%-10s %8s %9s %9s %9s%n", "", "requests", "p50 ms", "p99 ms", "mean ms");
        row(out, "untraced", a);
        row(out, "traced", b);
        out.printf(
                Locale.ROOT,
                "overhead: p50 %+.1f%%, p99 %+.1f%%, mean %+.1f%%%n",
                100 * (Stats.percentile(b, 50) / Stats.percentile(a, 50) - 1),
                100 * (Stats.percentile(b, 99) / Stats.percentile(a, 99) - 1),
                100 * (Stats.mean(b) / Stats.mean(a) - 1));
        out.flush();
        String untraced = "untraced (same run)";
        report.figure("tracedP50", "ms", Stats.percentile(b, 50), untraced, Stats.percentile(a, 50))
                .figure("tracedP99", "ms", Stats.percentile(b, 99), untraced, Stats.percentile(a, 99))
                .figure("tracedMean", "ms", Stats.mean(b), untraced, Stats.mean(a))
                .figure("tracedRequests", "count", b.length);
    }

    /** Fills the traced service's stores: searches and questions over HTTP, two eval runs, one detector check. */
    private static void fill(
            Options o,
            List<String> queries,
            KnowledgeBase kb,
            HttpClient http,
            String base,
            String key,
            PrintWriter out,
            BenchReport report)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        kb.flushTraces();
        int have = kb.traces().recentTraces(o.traces() + 1).size();
        int asks = 0;
        for (int i = have; i < o.traces(); i++) {
            String q = queries.get(i % queries.size());
            if (i % 20 == 0) {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/v1/ask"))
                                .header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/json")
                                .timeout(TIMEOUT)
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        JSON.writeValueAsString(Map.of("question", q))))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                check(r);
                asks++;
            } else {
                check(http.send(search(base, key, q, SearchMode.BM25, 10), HttpResponse.BodyHandlers.ofString()));
            }
        }
        kb.flushTraces();
        double fillSeconds = (System.nanoTime() - started) / 1e9;
        out.printf(
                Locale.ROOT,
                "part 2: at least %d traces in the store (%d added, %d of them questions) in %.0f s%n",
                Math.max(have, o.traces()),
                Math.max(0, o.traces() - have),
                asks,
                fillSeconds);
        report.figure("traces", "count", Math.max(have, o.traces()))
                .figure("tracesAdded", "count", Math.max(0, o.traces() - have))
                .figure("questionsAdded", "count", asks)
                .figure("tracesAddedSeconds", "s", fillSeconds);

        // An eval set whose relevant document for each query is BM25's first hit: realistic shape, known answer.
        started = System.nanoTime();
        Path set = Files.createTempFile("sluice-observe-", ".jsonl");
        try {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < o.evalQueries() && i < queries.size(); i++) {
                List<SearchHit> top =
                        kb.searcher().search(new SearchRequest(queries.get(i), SearchMode.BM25, 1, SearchFilters.NONE));
                if (!top.isEmpty()) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("id", "q" + i);
                    line.put("question", queries.get(i));
                    line.put("relevant", List.of(top.getFirst().documentUri()));
                    lines.add(JSON.writeValueAsString(line));
                }
            }
            Files.write(set, lines, StandardCharsets.UTF_8);
            Evaluations.RunRequest request = new Evaluations.RunRequest(
                    set,
                    null,
                    List.of(SearchMode.BM25, SearchMode.HYBRID),
                    List.of(Metric.parse("ndcg@10"), Metric.parse("recall@100")),
                    100,
                    Runtime.getRuntime().availableProcessors(),
                    false,
                    null);
            kb.eval().run(request);
            kb.eval().run(request);
        } finally {
            Files.deleteIfExists(set);
        }
        int results = 0;
        for (var run : kb.evalRuns().evalRuns()) {
            results += kb.evalRuns().evalResults(run.id()).size();
        }
        double evalSeconds = (System.nanoTime() - started) / 1e9;
        out.printf(
                Locale.ROOT,
                "%d eval runs with %d query results in the store (two runs added in %.0f s)%n",
                kb.evalRuns().evalRuns().size(),
                results,
                evalSeconds);
        var check = kb.incidents().check();
        out.printf(Locale.ROOT, "detectors: %d incidents open%n", check.open().size());
        report.figure("evalRuns", "count", kb.evalRuns().evalRuns().size())
                .figure("evalQueryResults", "count", results)
                .figure("evalRunsAddedSeconds", "s", evalSeconds)
                .figure("incidentsOpen", "count", check.open().size());
        out.flush();
    }

    private static final Pattern LOGIN_TOKEN = Pattern.compile("name=\"login_token\" value=\"([^\"]+)\"");
    private static final Pattern TRACE_LINK = Pattern.compile("href=\"(/ui/traces/[0-9a-f]{32})\"");
    private static final Pattern INCIDENT_LINK = Pattern.compile("href=\"(/ui/incidents/[0-9]+)\"");

    private static void pages(
            Options o, KnowledgeBase kb, HttpClient http, String base, String key, PrintWriter out, BenchReport report)
            throws IOException, InterruptedException {
        HttpResponse<String> form = http.send(
                HttpRequest.newBuilder(URI.create(base + "/ui/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = LOGIN_TOKEN.matcher(form.body());
        if (!token.find()) {
            throw new IllegalStateException("no sign-in form at " + base + "/ui/login: " + form.statusCode());
        }
        String loginCookie = cookies(form);
        HttpResponse<String> signed = http.send(
                HttpRequest.newBuilder(URI.create(base + "/ui/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", loginCookie)
                        .header("Origin", base)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "key=" + URLEncoder.encode(key, StandardCharsets.UTF_8)
                                        + "&login_token=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8)
                                        + "&next=%2Fui%2F"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String session = cookies(signed);
        if (signed.statusCode() != 303 || !session.contains("sluice_session=")) {
            throw new IllegalStateException("signing in failed: " + signed.statusCode() + " " + signed.body());
        }
        List<String> paths = new ArrayList<>(
                List.of("/ui/", "/ui/sources", "/ui/quality", "/ui/questions", "/ui/cost", "/ui/incidents"));
        String questions = get(http, base + "/ui/questions", session).body();
        Matcher trace = TRACE_LINK.matcher(questions);
        if (trace.find()) {
            paths.add(trace.group(1));
        }
        Matcher incident =
                INCIDENT_LINK.matcher(get(http, base + "/ui/incidents", session).body());
        if (incident.find()) {
            paths.add(incident.group(1));
        }
        var runs = kb.evalRuns().evalRuns();
        if (runs.size() >= 2) {
            var a = runs.get(runs.size() - 2);
            var b = runs.getLast();
            paths.add("/ui/quality?set=" + URLEncoder.encode(a.setName(), StandardCharsets.UTF_8) + "&a=" + a.id()
                    + "&b=" + b.id());
        }
        out.printf(
                Locale.ROOT,
                "dashboard pages, signed in with an admin key, %d fetches each after one warm-up (ms on loopback)%n",
                o.pageRepeats());
        out.printf(Locale.ROOT, "%-40s %8s %8s %8s %8s%n", "page", "p50", "p95", "max", "KiB");
        Map<String, Object> pages = new LinkedHashMap<>();
        for (String path : paths) {
            HttpResponse<String> warm = get(http, base + path, session);
            if (warm.statusCode() != 200) {
                out.printf(Locale.ROOT, "%-40s answered %d%n", path, warm.statusCode());
                pages.put(path, Map.of("status", warm.statusCode()));
                continue;
            }
            double[] ms = new double[o.pageRepeats()];
            for (int i = 0; i < ms.length; i++) {
                long t = System.nanoTime();
                get(http, base + path, session);
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
            java.util.Arrays.sort(ms);
            out.printf(
                    Locale.ROOT,
                    "%-40s %8.1f %8.1f %8.1f %8.0f%n",
                    path.length() > 40 ? path.substring(0, 37) + "..." : path,
                    Stats.percentile(ms, 50),
                    Stats.percentile(ms, 95),
                    ms[ms.length - 1],
                    warm.body().length() / 1024.0);
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("status", warm.statusCode());
            page.put("p50Ms", BenchReport.finite(Stats.percentile(ms, 50)));
            page.put("p95Ms", BenchReport.finite(Stats.percentile(ms, 95)));
            page.put("maxMs", BenchReport.finite(ms[ms.length - 1]));
            page.put("sizeKib", BenchReport.finite(warm.body().length() / 1024.0));
            pages.put(path, page);
        }
        report.result("pages", pages);
        out.flush();
    }

    private static HttpResponse<String> get(HttpClient http, String url, String cookie)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Cookie", cookie)
                        .timeout(TIMEOUT)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String cookies(HttpResponse<?> response) {
        List<String> out = new ArrayList<>();
        for (String c : response.headers().allValues("Set-Cookie")) {
            out.add(c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')));
        }
        return String.join("; ", out);
    }

    private static HttpRequest search(String base, String key, String q, SearchMode mode, int k) {
        return HttpRequest.newBuilder(URI.create(base + "/v1/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
                        + "&mode=" + mode.label() + "&k=" + k))
                .header("Authorization", "Bearer " + key)
                .timeout(TIMEOUT)
                .GET()
                .build();
    }

    private static double time(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        long t = System.nanoTime();
        check(http.send(request, HttpResponse.BodyHandlers.ofString()));
        return (System.nanoTime() - t) / 1e6;
    }

    private static void check(HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            throw new IllegalStateException("the service answered " + r.statusCode() + ": " + r.body());
        }
    }

    private static void row(PrintWriter out, String name, double[] values) {
        out.printf(
                Locale.ROOT,
                "%-10s %8d %9.2f %9.2f %9.2f%n",
                name,
                values.length,
                Stats.percentile(values, 50),
                Stats.percentile(values, 99),
                Stats.mean(values));
    }
}
