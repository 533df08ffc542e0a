package dev.sluice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.llm.Budget;
import dev.sluice.llm.ChatMessage;
import dev.sluice.llm.ChatRequest;
import dev.sluice.llm.LlmCallRecord;
import dev.sluice.llm.LlmException;
import dev.sluice.llm.LlmGateway;
import dev.sluice.llm.LlmSettings;
import dev.sluice.llm.PriceTable;
import dev.sluice.sqlite.SqliteCatalog;
import dev.sluice.testkit.ScriptedOpenAiServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code sluice bench gateway}: the LLM gateway against the scripted OpenAI-protocol server on
 * 127.0.0.1. First its own overhead per call, beside a bare HTTP call to the same server in the same
 * run (the difference is the gateway's cost: limiter, breaker, cache lookup, budget reservation,
 * ledger write). Then chaos: concurrent askers against a server failing a share of calls in five
 * ways, under a daily budget; every ask must end with an answer (the model's, or the fallback a
 * caller gives when the gateway refuses or gives up), and the ledger's spend must stay within the
 * budget.
 */
public final class GatewayBenchmark {
    private static final String MODEL = "gpt-4o-mini";
    private static final long INPUT_TOKENS = 500;
    private static final long OUTPUT_TOKENS = 50;

    /**
     * @param calls calls measured for the overhead (each way)
     * @param asks asks in the chaos phase
     * @param concurrency concurrent askers
     * @param failureRate share of server replies that fail
     * @param dailyBudgetUsd the chaos phase's daily budget
     * @param seed seed of the server's failures
     */
    public record Options(int calls, int asks, int concurrency, double failureRate, String dailyBudgetUsd, long seed) {}

    private GatewayBenchmark() {}

    public static void run(Options o, PrintWriter out) throws IOException, InterruptedException {
        run(o, out, new BenchReport());
    }

    /** As {@link #run(Options, PrintWriter)}, recording each figure beside its baseline in {@code report}. */
    static void run(Options o, PrintWriter out, BenchReport report) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("sluice-bench-gateway-");
        // Two catalogs: the overhead phase's spend must not count against the chaos phase's daily budget.
        try (ScriptedOpenAiServer server = new ScriptedOpenAiServer();
                SqliteCatalog overheadLedger = SqliteCatalog.open(dir.resolve("overhead-" + SqliteCatalog.FILE_NAME));
                SqliteCatalog chaosLedger = SqliteCatalog.open(dir.resolve("chaos-" + SqliteCatalog.FILE_NAME))) {
            server.fallback(ScriptedOpenAiServer.ok("A short answer [1].", INPUT_TOKENS, OUTPUT_TOKENS));
            out.printf(
                    Locale.ROOT,
                    "Gateway benchmark: scripted server %s, model %s, %d in / %d out tokens a call%n%n",
                    server.baseUrl(),
                    MODEL,
                    INPUT_TOKENS,
                    OUTPUT_TOKENS);
            overhead(server, overheadLedger, o, out, report);
            chaos(server, chaosLedger, o, out, report);
        } finally {
            dev.sluice.core.FileTrees.deleteRecursively(dir);
        }
    }

    private static void overhead(
            ScriptedOpenAiServer server, SqliteCatalog catalog, Options o, PrintWriter out, BenchReport report)
            throws IOException, InterruptedException {
        LlmSettings settings = LlmSettings.builder(server.baseUrl(), MODEL, null)
                .retries(0, 1)
                .cacheEntries(0)
                .build();
        ObjectMapper json = new ObjectMapper();
        double[] raw = new double[o.calls()];
        double[] gateway = new double[o.calls()];
        try (HttpClient http = HttpClient.newHttpClient();
                LlmGateway gw = new LlmGateway(
                        settings, PriceTable.defaults(), new Budget(catalog, Budget.Limits.none()), catalog)) {
            URI uri = URI.create(server.baseUrl() + "/chat/completions");
            for (int round = -1; round < 1; round++) { // the first round warms up both paths
                for (int i = 0; i < o.calls(); i++) {
                    String question = "question " + round + "-" + i;
                    String body = json.writeValueAsString(
                            Map.of("model", MODEL, "messages", List.of(Map.of("role", "user", "content", question))));
                    long t0 = System.nanoTime();
                    HttpResponse<String> response = http.send(
                            HttpRequest.newBuilder(uri)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    json.readTree(response.body());
                    long t1 = System.nanoTime();
                    gw.chat(ChatRequest.of("bench", "bench@1", List.of(ChatMessage.user(question))));
                    long t2 = System.nanoTime();
                    if (round == 0) {
                        raw[i] = (t1 - t0) / 1e6;
                        gateway[i] = (t2 - t1) / 1e6;
                    }
                }
            }
        }
        out.printf(Locale.ROOT, "Overhead, %d sequential calls each way, no failures:%n", o.calls());
        out.printf(Locale.ROOT, "  %-34s %8s %8s%n", "", "p50 ms", "p99 ms");
        out.printf(
                Locale.ROOT,
                "  %-34s %8.3f %8.3f%n",
                "bare HTTP call (baseline)",
                Stats.percentile(raw, 50),
                Stats.percentile(raw, 99));
        out.printf(
                Locale.ROOT,
                "  %-34s %8.3f %8.3f%n",
                "through the gateway",
                Stats.percentile(gateway, 50),
                Stats.percentile(gateway, 99));
        out.printf(
                Locale.ROOT,
                "  %-34s %8.3f %8.3f%n%n",
                "gateway's own overhead (difference)",
                Stats.percentile(gateway, 50) - Stats.percentile(raw, 50),
                Stats.percentile(gateway, 99) - Stats.percentile(raw, 99));
        String bare = "bare HTTP call (baseline)";
        report.figure("gatewayP50", "ms", Stats.percentile(gateway, 50), bare, Stats.percentile(raw, 50))
                .figure("gatewayP99", "ms", Stats.percentile(gateway, 99), bare, Stats.percentile(raw, 99))
                .figure("overheadCalls", "calls", o.calls());
    }

    private static void chaos(
            ScriptedOpenAiServer server, SqliteCatalog catalog, Options o, PrintWriter out, BenchReport report)
            throws InterruptedException {
        long start = System.currentTimeMillis();
        int requestsBefore = server.requests().size();
        server.failRandomly(o.failureRate(), o.seed());
        LlmSettings settings = LlmSettings.builder(server.baseUrl(), MODEL, null)
                .retries(3, 5)
                .maxRetryAfterMillis(1_000)
                .timeoutMillis(5_000)
                .breaker(1_000, 1_000) // chaos is spread over the calls: keep the breaker out of the way
                .cacheEntries(0)
                .build();
        Budget.Limits limits = Budget.Limits.usd(o.dailyBudgetUsd(), null, null, null);
        AtomicInteger modelAnswers = new AtomicInteger();
        Map<String, AtomicInteger> fallbacks = new ConcurrentHashMap<>();
        ExecutorService askers = Executors.newFixedThreadPool(
                o.concurrency(),
                Thread.ofPlatform().name("sluice-bench-asker-", 0).factory());
        long t0 = System.nanoTime();
        try (LlmGateway gateway =
                new LlmGateway(settings, PriceTable.defaults(), new Budget(catalog, limits), catalog)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < o.asks(); i++) {
                String question = "chaos question " + i;
                futures.add(askers.submit(() -> {
                    try {
                        gateway.chat(ChatRequest.of("bench", "bench@1", List.of(ChatMessage.user(question))));
                        modelAnswers.incrementAndGet();
                    } catch (LlmException e) {
                        // What ask does: an extractive answer, so the asker still gets one.
                        fallbacks
                                .computeIfAbsent(e.outcome().name().toLowerCase(Locale.ROOT), k -> new AtomicInteger())
                                .incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("an asker failed outside the gateway's outcomes", e.getCause());
                }
            }
        } finally {
            askers.shutdownNow();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        int fallbackCount =
                fallbacks.values().stream().mapToInt(AtomicInteger::get).sum();
        long spent = catalog.llmSpendPicoUsd(start, null);
        Map<String, Integer> outcomes = new TreeMap<>();
        for (LlmCallRecord r : catalog.llmCalls(start)) {
            outcomes.merge(r.outcome(), 1, Integer::sum);
        }
        out.printf(
                Locale.ROOT,
                "Chaos: %d asks from %d concurrent askers, %.0f%% of server replies failing"
                        + " (429, 500, 503, reset, truncated JSON), daily budget %s USD, seed %d:%n",
                o.asks(),
                o.concurrency(),
                o.failureRate() * 100,
                o.dailyBudgetUsd(),
                o.seed());
        out.printf(Locale.ROOT, "  answered by the model          %6d%n", modelAnswers.get());
        out.printf(Locale.ROOT, "  answered by the fallback       %6d  %s%n", fallbackCount, new TreeMap<>(fallbacks));
        out.printf(
                Locale.ROOT,
                "  asks with an answer            %6.1f%%%n",
                100.0 * (modelAnswers.get() + fallbackCount) / o.asks());
        out.printf(
                Locale.ROOT,
                "  requests the server received   %6d%n",
                server.requests().size() - requestsBefore);
        out.printf(Locale.ROOT, "  ledger rows by outcome         %s%n", outcomes);
        out.printf(
                Locale.ROOT,
                "  spend / budget                 %.6f / %s USD (%s)%n",
                spent / 1e12,
                o.dailyBudgetUsd(),
                spent <= limits.dailyPicoUsd() ? "within" : "EXCEEDED");
        out.printf(Locale.ROOT, "  wall time                      %.1f s%n", seconds);
        out.flush();
        report.figure("chaosAnsweredByModel", "asks", modelAnswers.get())
                .figure("chaosAnsweredByFallback", "asks", fallbackCount)
                .figure("chaosAnsweredShare", "share", (double) (modelAnswers.get() + fallbackCount) / o.asks())
                .figure("chaosServerRequests", "requests", server.requests().size() - requestsBefore)
                .figure("chaosSpendUsd", "usd", spent / 1e12, "dailyBudgetUsd", Double.parseDouble(o.dailyBudgetUsd()))
                .figure("chaosWallSeconds", "s", seconds)
                .result("chaosFallbacksByOutcome", new TreeMap<>(fallbacks))
                .result("chaosLedgerByOutcome", outcomes)
                .result("chaosWithinBudget", spent <= limits.dailyPicoUsd());
    }
}
