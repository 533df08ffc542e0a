package dev.sluice.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.postgres.PostgresCatalog;
import dev.sluice.postgres.PostgresSettings;
import dev.sluice.postgres.TestDatabase;
import dev.sluice.testkit.ScriptedOpenAiServer;
import dev.sluice.testkit.ScriptedOpenAiServer.Ok;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Daily budgets hold across processes that share a PostgreSQL catalog, as BudgetAcrossProcessesIT
 * shows for a SQLite file (and with its gateway, prices and callers): a second real JVM and this one
 * call a real OpenAI-protocol server on 127.0.0.1 at the same time, each reserving through its own
 * catalog and connection, and together they spend no more than the budget allows.
 */
class PostgresBudgetAcrossProcessesEngineIT {
    private static final int ALLOWED =
            (int) (BudgetAcrossProcessesIT.limitPicoUsd() / BudgetAcrossProcessesIT.perCallPicoUsd());

    @TempDir
    Path work;

    private final TestDatabase database = new TestDatabase();
    private PostgresSettings settings;
    private ScriptedOpenAiServer server;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        settings = database.freshSchema();
        server = new ScriptedOpenAiServer();
        TokenEstimate estimate =
                TokenEstimate.of(BudgetAcrossProcessesIT.request().messages(), 100);
        server.fallback(new Ok("ok", estimate.inputTokens(), estimate.outputTokens(), 400));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
        server.close();
        database.close();
    }

    private PostgresCatalog catalog() {
        PostgresCatalog catalog = PostgresCatalog.open(settings);
        opened.add(catalog);
        return catalog;
    }

    private LlmGateway gateway(LedgerStore ledger) {
        LlmGateway gateway =
                BudgetAcrossProcessesIT.gateway(server.baseUrl(), ledger, BudgetAcrossProcessesIT.limitPicoUsd());
        opened.add(gateway);
        return gateway;
    }

    @Test
    void should_hold_the_daily_budget_when_another_process_spends_from_the_same_schema_at_the_same_time()
            throws Exception {
        PostgresCatalog catalog = catalog();
        LlmGateway gateway = gateway(catalog);
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        BudgetChild.class.getName(),
                        settings.url(),
                        settings.user(),
                        settings.password(),
                        settings.schema(),
                        server.baseUrl(),
                        Long.toString(BudgetAcrossProcessesIT.limitPicoUsd()),
                        "16")
                .redirectError(work.resolve("child.log").toFile())
                .start();
        int[] mine;
        String childResult;
        try (BufferedReader out =
                        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter in = new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8)) {
            assertThat(lineStarting(out, "ready")).as(log()).isEqualTo("ready");
            in.println("go");
            mine = BudgetAcrossProcessesIT.callTogether(gateway, 16, 16);
            childResult = lineStarting(out, "ok ");
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
                "PostgresBudgetAcrossProcessesEngineIT: this process made %d calls (%d refused), the other %d (%d"
                        + " refused)%n",
                mine[0], mine[1], theirOk, theirRefused);

        assertThat(catalog.llmSpendPicoUsd(0, null))
                .as("the ledger's spend against the daily budget")
                .isLessThanOrEqualTo(BudgetAcrossProcessesIT.limitPicoUsd())
                .isEqualTo(ALLOWED * BudgetAcrossProcessesIT.perCallPicoUsd());
        assertThat(mine[0] + theirOk).isEqualTo(ALLOWED);
        assertThat(mine[1] + theirRefused).isEqualTo(32 - ALLOWED);
        assertThat(server.requests()).hasSize(ALLOWED);
        assertThat(catalog.llmReservations()).as("every reservation released").isEmpty();
    }

    @Test
    void should_hold_the_daily_budget_across_two_catalogs_on_two_connections_under_many_threads() throws Exception {
        LlmGateway first = gateway(catalog());
        LlmGateway second = gateway(catalog());
        ExecutorService both = Executors.newFixedThreadPool(2, r -> new Thread(r, "budget-side"));
        int[] a;
        int[] b;
        try {
            Future<int[]> one = both.submit(() -> BudgetAcrossProcessesIT.callTogether(first, 16, 16));
            Future<int[]> two = both.submit(() -> BudgetAcrossProcessesIT.callTogether(second, 16, 16));
            a = one.get();
            b = two.get();
        } finally {
            both.shutdownNow();
        }

        PostgresCatalog catalog = catalog();
        assertThat(catalog.llmSpendPicoUsd(0, null))
                .isLessThanOrEqualTo(BudgetAcrossProcessesIT.limitPicoUsd())
                .isEqualTo(ALLOWED * BudgetAcrossProcessesIT.perCallPicoUsd());
        assertThat(a[0] + b[0]).isEqualTo(ALLOWED);
        assertThat(server.requests()).hasSize(ALLOWED);
        assertThat(catalog.llmCalls(0))
                .filteredOn(c -> c.outcome().equals("budget_exceeded"))
                .hasSize(32 - ALLOWED);
    }

    /** The first line the child printed that starts with {@code prefix} (its logging may come before). */
    private static String lineStarting(BufferedReader out, String prefix) throws java.io.IOException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        return null;
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
     * The other process: opens the schema and a gateway of its own, says "ready", waits for "go", makes
     * its calls all at once and prints "ok N refused M".
     */
    public static final class BudgetChild {
        public static void main(String[] args) throws Exception {
            PostgresSettings settings = new PostgresSettings(args[0], args[1], args[2], args[3]);
            int calls = Integer.parseInt(args[6]);
            try (PostgresCatalog catalog = PostgresCatalog.open(settings);
                    LlmGateway gateway = BudgetAcrossProcessesIT.gateway(args[4], catalog, Long.parseLong(args[5]))) {
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                System.out.println("ready");
                System.out.flush();
                if (!"go".equals(in.readLine())) {
                    System.exit(2);
                }
                int[] result = BudgetAcrossProcessesIT.callTogether(gateway, calls, calls);
                System.out.println("ok " + result[0] + " refused " + result[1]);
                System.out.flush();
            }
        }
    }
}
