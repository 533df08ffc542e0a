package dev.sluice.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sqlite.SqliteCatalog;
import dev.sluice.testkit.ScriptedOpenAiServer;
import dev.sluice.testkit.ScriptedOpenAiServer.Ok;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Daily budgets hold across processes that share a catalog (a running {@code sluice serve} beside CLI
 * asks): a second real JVM and this one call a real OpenAI-protocol server on 127.0.0.1 at the same
 * time, each through its own gateway and budget on its own connection to one SQLite file, and together
 * they spend no more than the budget allows. Also two budgets on two connections in this process, under
 * many threads.
 */
class BudgetAcrossProcessesIT {
    private static final String KEY_ENV = "SLUICE_TEST_KEY";
    private static final String SECRET = "sk-test-0123456789secret";
    private static final String MODEL = "test-model";
    private static final String QUESTION = "what does the budget allow across processes?";
    private static final int MAX_TOKENS = 100;
    private static final int ALLOWED = 7;

    @TempDir
    Path work;

    private ScriptedOpenAiServer server;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedOpenAiServer();
        // The server bills exactly the reserved estimate, slowly, so that every call is in flight at once.
        TokenEstimate estimate = TokenEstimate.of(request().messages(), MAX_TOKENS);
        server.fallback(new Ok("ok", estimate.inputTokens(), estimate.outputTokens(), 400));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
        server.close();
    }

    static ChatRequest request() {
        return ChatRequest.of("answer", "answer-v1", List.of(ChatMessage.user(QUESTION)))
                .withMaxTokens(MAX_TOKENS);
    }

    static PriceTable prices() {
        return PriceTable.defaults().with(MODEL, PriceTable.Price.perMillion("1", "4"));
    }

    static long perCallPicoUsd() {
        TokenEstimate estimate = TokenEstimate.of(request().messages(), MAX_TOKENS);
        return prices().price(MODEL).costPicoUsd(estimate.inputTokens(), estimate.outputTokens());
    }

    /** Room for {@link #ALLOWED} calls and half of another. */
    static long limitPicoUsd() {
        return ALLOWED * perCallPicoUsd() + perCallPicoUsd() / 2;
    }

    static LlmGateway gateway(String baseUrl, LedgerStore ledger, long dailyLimitPicoUsd) {
        LlmSettings settings = LlmSettings.builder(baseUrl, MODEL, KEY_ENV)
                .timeoutMillis(10_000)
                .retries(0, 20)
                .cacheEntries(0)
                .build();
        return new LlmGateway(
                settings,
                prices(),
                new Budget(ledger, new Budget.Limits(dailyLimitPicoUsd, 0, 0, 0)),
                ledger,
                Map.of(KEY_ENV, SECRET)::get,
                Clock.systemUTC());
    }

    /** Makes {@code calls} calls on {@code threads} threads at once; returns {calls made, calls refused}. */
    static int[] callTogether(LlmGateway gateway, int threads, int calls) throws Exception {
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool =
                Executors.newFixedThreadPool(threads, r -> new Thread(r, "budget-caller-" + n.incrementAndGet()));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    try {
                        gateway.chat(request());
                        ok.incrementAndGet();
                    } catch (BudgetExceededException e) {
                        refused.incrementAndGet();
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new int[] {ok.get(), refused.get()};
    }

    private SqliteCatalog catalog() {
        SqliteCatalog catalog = SqliteCatalog.open(work.resolve("catalog.sqlite"));
        opened.add(catalog);
        return catalog;
    }

    private LlmGateway gateway(LedgerStore ledger) {
        LlmGateway gateway = gateway(server.baseUrl(), ledger, limitPicoUsd());
        opened.add(gateway);
        return gateway;
    }

    @Test
    void should_hold_the_daily_budget_when_another_process_spends_from_the_same_catalog_at_the_same_time()
            throws Exception {
        SqliteCatalog catalog = catalog();
        LlmGateway gateway = gateway(catalog);
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        BudgetChild.class.getName(),
                        work.resolve("catalog.sqlite").toString(),
                        server.baseUrl(),
                        Long.toString(limitPicoUsd()),
                        "16")
                .redirectError(work.resolve("child.log").toFile())
                .start();
        int[] mine;
        String childResult;
        try (BufferedReader out =
                        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter in = new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8)) {
            assertThat(out.readLine()).as(log()).isEqualTo("ready");
            in.println("go");
            mine = callTogether(gateway, 16, 16);
            childResult = out.readLine();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.exitValue()).as(log()).isZero();
        assertThat(childResult).as(log()).startsWith("ok ");
        String[] theirs = childResult.split(" ");
        int theirOk = Integer.parseInt(theirs[1]);
        int theirRefused = Integer.parseInt(theirs[3]);
        System.out.printf(
                "BudgetAcrossProcessesIT: this process made %d calls (%d refused), the other %d (%d refused)%n",
                mine[0], mine[1], theirOk, theirRefused);

        assertThat(catalog.llmSpendPicoUsd(0, null))
                .as("the ledger's spend against the daily budget")
                .isLessThanOrEqualTo(limitPicoUsd())
                .isEqualTo(ALLOWED * perCallPicoUsd());
        assertThat(mine[0] + theirOk).isEqualTo(ALLOWED);
        assertThat(mine[1] + theirRefused).isEqualTo(32 - ALLOWED);
        assertThat(server.requests()).hasSize(ALLOWED);
        assertThat(catalog.llmReservations()).as("every reservation released").isEmpty();
    }

    @Test
    void should_hold_the_daily_budget_across_two_budgets_on_two_connections_under_many_threads() throws Exception {
        LlmGateway first = gateway(catalog());
        LlmGateway second = gateway(catalog());
        ExecutorService both = Executors.newFixedThreadPool(2, r -> new Thread(r, "budget-side"));
        int[] a;
        int[] b;
        try {
            Future<int[]> one = both.submit(() -> callTogether(first, 16, 16));
            Future<int[]> two = both.submit(() -> callTogether(second, 16, 16));
            a = one.get();
            b = two.get();
        } finally {
            both.shutdownNow();
        }

        SqliteCatalog catalog = catalog();
        assertThat(catalog.llmSpendPicoUsd(0, null))
                .isLessThanOrEqualTo(limitPicoUsd())
                .isEqualTo(ALLOWED * perCallPicoUsd());
        assertThat(a[0] + b[0]).isEqualTo(ALLOWED);
        assertThat(server.requests()).hasSize(ALLOWED);
        assertThat(catalog.llmCalls(0))
                .filteredOn(c -> c.outcome().equals("budget_exceeded"))
                .hasSize(32 - ALLOWED);
    }

    private String log() {
        try {
            Path file = work.resolve("child.log");
            return Files.exists(file) ? "the other process wrote: " + Files.readString(file) : "";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    /**
     * The other process: opens the catalog and a gateway of its own, says "ready", waits for "go", makes
     * its calls all at once and prints "ok N refused M".
     */
    public static final class BudgetChild {
        public static void main(String[] args) throws Exception {
            int calls = Integer.parseInt(args[3]);
            try (SqliteCatalog catalog = SqliteCatalog.open(Path.of(args[0]));
                    LlmGateway gateway = gateway(args[1], catalog, Long.parseLong(args[2]))) {
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                System.out.println("ready");
                System.out.flush();
                if (!"go".equals(in.readLine())) {
                    System.exit(2);
                }
                int[] result = callTogether(gateway, calls, calls);
                System.out.println("ok " + result[0] + " refused " + result[1]);
                System.out.flush();
            }
        }
    }
}
