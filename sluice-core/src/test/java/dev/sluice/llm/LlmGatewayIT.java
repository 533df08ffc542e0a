package dev.sluice.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.sqlite.SqliteCatalog;
import dev.sluice.testkit.ScriptedOpenAiServer;
import dev.sluice.testkit.ScriptedOpenAiServer.Hang;
import dev.sluice.testkit.ScriptedOpenAiServer.Ok;
import dev.sluice.testkit.ScriptedOpenAiServer.Reset;
import dev.sluice.testkit.ScriptedOpenAiServer.SlowStream;
import dev.sluice.testkit.ScriptedOpenAiServer.Status;
import dev.sluice.testkit.ScriptedOpenAiServer.Truncated;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway against a real OpenAI-protocol server on 127.0.0.1 that misbehaves on a script, with a
 * real SQLite catalog for the ledger and budgets.
 */
class LlmGatewayIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY_ENV = "SLUICE_TEST_KEY";
    private static final String SECRET = "sk-test-0123456789secret";

    @TempDir
    Path work;

    private ScriptedOpenAiServer server;
    private SqliteCatalog catalog;
    private final List<LlmGateway> gateways = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedOpenAiServer();
        catalog = SqliteCatalog.open(work.resolve("catalog.sqlite"));
    }

    @AfterEach
    void stop() {
        gateways.forEach(LlmGateway::close);
        server.close();
        catalog.close();
    }

    private LlmSettings.Builder settings() {
        return LlmSettings.builder(server.baseUrl(), "test-model", KEY_ENV)
                .timeoutMillis(2_000)
                .retries(3, 20)
                .cacheEntries(0);
    }

    private LlmGateway gateway(LlmSettings settings, PriceTable prices, Budget budget) {
        LlmGateway g =
                new LlmGateway(settings, prices, budget, catalog, Map.of(KEY_ENV, SECRET)::get, Clock.systemUTC());
        gateways.add(g);
        return g;
    }

    private LlmGateway gateway(LlmSettings settings) {
        return gateway(settings, PriceTable.defaults(), new Budget(catalog, Budget.Limits.none()));
    }

    private static ChatRequest ask(String question) {
        return ChatRequest.of("answer", "answer-v1", List.of(ChatMessage.user(question)))
                .withMaxTokens(100);
    }

    private static long millisBetween(ScriptedOpenAiServer.Seen a, ScriptedOpenAiServer.Seen b) {
        return (b.atNanos() - a.atNanos()) / 1_000_000;
    }

    @Test
    void should_retry_a_429_after_the_time_its_retry_after_asks() {
        server.then(new Status(429, "1"), ScriptedOpenAiServer.ok("done", 7, 3));
        ChatResult r = gateway(settings().build()).chat(ask("q"));

        assertThat(r.text()).isEqualTo("done");
        assertThat(r.attempts()).isEqualTo(2);
        List<ScriptedOpenAiServer.Seen> seen = server.requests();
        assertThat(seen).hasSize(2);
        assertThat(millisBetween(seen.get(0), seen.get(1))).isGreaterThanOrEqualTo(950);
        LlmCallRecord row = catalog.llmCalls(0).getFirst();
        assertThat(row.outcome()).isEqualTo("ok");
        assertThat(row.attempts()).isEqualTo(2);
        assertThat(row.latencyMillis()).isGreaterThanOrEqualTo(950);
    }

    @Test
    void should_retry_500_503_reset_timeout_and_truncated_json_then_answer() {
        server.then(
                new Status(500, null),
                new Status(503, null),
                new Reset(),
                new Hang(1_500),
                new Truncated(),
                ScriptedOpenAiServer.ok("finally", 5, 1));
        ChatResult r =
                gateway(settings().timeoutMillis(500).retries(5, 10).build()).chat(ask("q"));

        assertThat(r.text()).isEqualTo("finally");
        assertThat(r.attempts()).isEqualTo(6);
        assertThat(server.requests()).hasSize(6);
    }

    @Test
    void should_give_up_after_the_last_attempt_with_the_last_error() {
        server.then(
                new Status(500, null),
                new Status(500, null),
                new Status(503, null),
                ScriptedOpenAiServer.ok("late", 1, 1));
        LlmGateway g = gateway(settings().retries(2, 10).build());

        assertThatThrownBy(() -> g.chat(ask("q")))
                .isInstanceOfSatisfying(
                        LlmException.class, e -> assertThat(e.outcome()).isEqualTo(LlmOutcome.FAILED))
                .hasMessageContaining("HTTP 503")
                .hasMessageContaining("after 3 attempts");
        assertThat(server.requests()).hasSize(3);
        LlmCallRecord row = catalog.llmCalls(0).getFirst();
        assertThat(row.outcome()).isEqualTo("failed");
        assertThat(row.attempts()).isEqualTo(3);
        assertThat(row.inputTokens() + row.outputTokens()).isZero();
    }

    @Test
    void should_not_wait_when_retry_after_is_longer_than_the_cap() {
        server.then(new Status(429, "120"));
        LlmGateway g = gateway(settings().maxRetryAfterMillis(5_000).build());
        long start = System.nanoTime();

        assertThatThrownBy(() -> g.chat(ask("q"))).hasMessageContaining("longer than Sluice waits for a retry");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void should_not_retry_a_request_the_provider_refuses() {
        server.then(new Status(400, null));
        LlmGateway g = gateway(settings().build());

        assertThatThrownBy(() -> g.chat(ask("q"))).hasMessageContaining("HTTP 400");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void should_open_the_breaker_after_consecutive_failures_and_half_open_after_its_window() throws Exception {
        server.then(new Status(500, null), new Status(500, null), new Status(500, null));
        LlmGateway g = gateway(settings().retries(0, 10).breaker(2, 400).build());

        assertThatThrownBy(() -> g.chat(ask("a"))).isNotInstanceOf(CircuitOpenException.class);
        assertThatThrownBy(() -> g.chat(ask("b"))).isNotInstanceOf(CircuitOpenException.class);
        assertThatThrownBy(() -> g.chat(ask("c"))).isInstanceOf(CircuitOpenException.class);
        assertThat(server.requests()).hasSize(2);

        Thread.sleep(450);
        // Half-open: one trial; it fails, so the breaker opens again at once.
        assertThatThrownBy(() -> g.chat(ask("d"))).isNotInstanceOf(CircuitOpenException.class);
        assertThatThrownBy(() -> g.chat(ask("e"))).isInstanceOf(CircuitOpenException.class);
        assertThat(server.requests()).hasSize(3);

        Thread.sleep(450);
        assertThat(g.chat(ask("f")).text()).isEqualTo("fine");
        assertThat(g.chat(ask("g")).text()).isEqualTo("fine");
        assertThat(catalog.llmCalls(0))
                .extracting(LlmCallRecord::outcome)
                .containsExactly("failed", "failed", "circuit_open", "failed", "circuit_open", "ok", "ok");
    }

    @Test
    void should_space_requests_to_the_requests_per_minute_limit() {
        LlmGateway g = gateway(settings().limits(600, 0).build()); // one request per 100 ms
        for (int i = 0; i < 5; i++) {
            g.chat(ask("q" + i));
        }
        // Times are taken where the server receives: one request delayed on a loaded machine shortens
        // the next gap (35 ms was seen with builds beside the test), so single gaps get 50 ms of slack,
        // far above the few milliseconds of unlimited requests, and the whole span must hold the spacing.
        List<ScriptedOpenAiServer.Seen> seen = server.requests();
        for (int i = 1; i < seen.size(); i++) {
            assertThat(millisBetween(seen.get(i - 1), seen.get(i))).isGreaterThanOrEqualTo(50);
        }
        assertThat(millisBetween(seen.getFirst(), seen.getLast())).isBetween(370L, 1_500L);
    }

    @Test
    void should_space_requests_by_their_real_tokens_under_the_tokens_per_minute_limit() {
        // 60,000 tokens per minute is one token per millisecond; each reply reports 150 tokens in all.
        server.fallback(ScriptedOpenAiServer.ok("fine", 120, 30));
        LlmGateway g = gateway(settings().limits(0, 60_000).build());
        for (int i = 0; i < 4; i++) {
            g.chat(ask("q" + i));
        }
        List<ScriptedOpenAiServer.Seen> seen = server.requests();
        for (int i = 1; i < seen.size(); i++) {
            assertThat(millisBetween(seen.get(i - 1), seen.get(i))).isGreaterThanOrEqualTo(120);
        }
        assertThat(millisBetween(seen.getFirst(), seen.getLast()))
                .as("3 gaps of 150 tokens")
                .isGreaterThanOrEqualTo(420);
    }

    @Test
    void should_answer_a_repeated_request_from_the_cache_without_a_request() {
        LlmGateway g = gateway(settings().cacheEntries(10).build());
        ChatResult first = g.chat(ask("same"));
        ChatResult second = g.chat(ask("same"));
        g.chat(ask("same").withMaxTokens(50)); // a different input is a different key

        assertThat(first.fromCache()).isFalse();
        assertThat(second.fromCache()).isTrue();
        assertThat(second.text()).isEqualTo(first.text());
        assertThat(server.requests()).hasSize(2);
        assertThat(catalog.llmCalls(0)).extracting(LlmCallRecord::outcome).containsExactly("ok", "cached", "ok");
        LlmCallRecord cached = catalog.llmCalls(0).get(1);
        assertThat(cached.inputTokens() + cached.outputTokens() + cached.costPicoUsd())
                .isZero();
        assertThat(cached.attempts()).isZero();
    }

    @Test
    void should_let_exactly_as_many_of_32_concurrent_calls_through_as_the_budget_allows() throws Exception {
        ChatRequest request = ask("what does the budget allow?");
        TokenEstimate estimate = TokenEstimate.of(request.messages(), 100);
        PriceTable prices = PriceTable.defaults().with("test-model", PriceTable.Price.perMillion("1", "4"));
        long perCall = prices.price("test-model").costPicoUsd(estimate.inputTokens(), estimate.outputTokens());
        int allowed = 7;
        long limit = allowed * perCall + perCall / 2;
        // The server bills exactly the estimate, slowly, so that all 32 calls are in flight together.
        server.fallback(new Ok("ok", estimate.inputTokens(), estimate.outputTokens(), 300));
        Budget budget = new Budget(catalog, new Budget.Limits(limit, 0, 0, 0));
        LlmGateway g = gateway(settings().build(), prices, budget);

        AtomicInteger ok = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool =
                Executors.newFixedThreadPool(32, r -> new Thread(r, "budget-caller-" + n.incrementAndGet()));
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                calls.add(pool.submit(() -> {
                    go.await();
                    try {
                        g.chat(request);
                        ok.incrementAndGet();
                    } catch (BudgetExceededException e) {
                        refused.incrementAndGet();
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : calls) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(ok.get()).isEqualTo(allowed);
        assertThat(refused.get()).isEqualTo(32 - allowed);
        assertThat(server.requests()).hasSize(allowed);
        assertThat(catalog.llmSpendPicoUsd(0, null))
                .isEqualTo(allowed * perCall)
                .isLessThanOrEqualTo(limit);
        assertThat(catalog.llmCalls(0))
                .filteredOn(c -> c.outcome().equals("budget_exceeded"))
                .hasSize(32 - allowed);
        // A budget opened later reads the day's spend from the ledger and refuses at once.
        Budget reopened = new Budget(catalog, new Budget.Limits(limit, 0, 0, 0));
        assertThatThrownBy(() -> reopened.reserve(KEY_ENV, perCall)).isInstanceOf(BudgetExceededException.class);
    }

    @Test
    void should_hold_a_per_key_budget_apart_from_other_keys() {
        PriceTable prices = PriceTable.defaults().with("test-model", PriceTable.Price.perMillion("1", "1"));
        server.fallback(ScriptedOpenAiServer.ok("fine", 100, 100));
        long perCallReserve = prices.price("test-model")
                .costPicoUsd(TokenEstimate.of(ask("q").messages(), 100).inputTokens(), 100);
        Budget budget = new Budget(catalog, new Budget.Limits(0, 0, 0, perCallReserve + 1));
        LlmGateway g = gateway(settings().build(), prices, budget);

        g.chat(ask("q").withKeyId("team-a"));
        assertThatThrownBy(() -> g.chat(ask("q").withKeyId("team-a")))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("key team-a");
        assertThat(g.chat(ask("q").withKeyId("team-b")).text()).isEqualTo("fine");
    }

    @Test
    void should_keep_a_ledger_exact_to_the_token() {
        server.then(
                ScriptedOpenAiServer.ok("a", 11, 3),
                new Status(503, null),
                ScriptedOpenAiServer.ok("b", 17, 5),
                new Truncated(),
                ScriptedOpenAiServer.ok("c", 23, 7),
                new SlowStream(List.of("d", "e"), 10, 31, 2));
        PriceTable prices = PriceTable.defaults().with("test-model", PriceTable.Price.perMillion("0.15", "0.60"));
        LlmGateway g = gateway(settings().build(), prices, new Budget(catalog, Budget.Limits.none()));
        g.chat(ask("1"));
        g.chat(ask("2"));
        g.chat(ask("3"));
        g.stream(ask("4"), piece -> {});

        List<LlmCallRecord> rows = catalog.llmCalls(0);
        assertThat(rows).hasSize(4);
        assertThat(rows.stream().mapToLong(LlmCallRecord::inputTokens).sum())
                .isEqualTo(server.sentInputTokens())
                .isEqualTo(82);
        assertThat(rows.stream().mapToLong(LlmCallRecord::outputTokens).sum())
                .isEqualTo(server.sentOutputTokens())
                .isEqualTo(17);
        // 82 * 150,000 + 17 * 600,000 picodollars
        assertThat(catalog.llmSpendPicoUsd(0, null)).isEqualTo(82 * 150_000L + 17 * 600_000L);
        assertThat(rows).extracting(LlmCallRecord::attempts).containsExactly(1, 2, 2, 1);
        assertThat(catalog.llmSpendByDay(0)).singleElement().satisfies(day -> {
            assertThat(day.calls()).isEqualTo(4);
            assertThat(day.inputTokens()).isEqualTo(82);
            assertThat(day.outputTokens()).isEqualTo(17);
            assertThat(day.costPicoUsd()).isEqualTo(82 * 150_000L + 17 * 600_000L);
            assertThat(day.outcome()).isEqualTo("ok");
        });
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.purpose()).isEqualTo("answer");
            assertThat(r.promptVersion()).isEqualTo("answer-v1");
            assertThat(r.model()).isEqualTo("test-model");
        });
    }

    @Test
    void should_assemble_a_slow_stream_and_read_its_usage() {
        server.then(new SlowStream(List.of("Hel", "lo ", "world"), 150, 12, 3));
        List<String> pieces = new CopyOnWriteArrayList<>();
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        ChatResult r = gateway(settings().build()).stream(ask("greet"), piece -> {
            pieces.add(piece);
            arrivals.add(System.nanoTime());
        });

        assertThat(r.text()).isEqualTo("Hello world");
        assertThat(pieces).containsExactly("Hel", "lo ", "world");
        assertThat((arrivals.getLast() - arrivals.getFirst()) / 1_000_000).isGreaterThanOrEqualTo(250);
        assertThat(r.inputTokens()).isEqualTo(12);
        assertThat(r.outputTokens()).isEqualTo(3);
        assertThat(r.finishReason()).isEqualTo("stop");
        JsonNode sent = server.requests().getFirst().body();
        assertThat(sent.path("stream").asBoolean()).isTrue();
        assertThat(sent.path("stream_options").path("include_usage").asBoolean())
                .isTrue();
    }

    @Test
    void should_fail_a_stream_slower_than_the_deadline_without_retrying_after_its_first_piece() {
        server.then(new SlowStream(List.of("a", "b", "c", "d"), 300, 5, 4));
        List<String> pieces = new CopyOnWriteArrayList<>();
        LlmGateway g = gateway(settings().timeoutMillis(500).build());

        assertThatThrownBy(() -> g.stream(ask("q"), pieces::add))
                .isInstanceOf(LlmException.class)
                .hasMessageContaining("within 500 ms")
                .hasMessageContaining("not retried");
        assertThat(pieces).isNotEmpty();
        assertThat(server.requests()).hasSize(1);
    }

    private static JsonNode answerSchema() throws Exception {
        return JSON.readTree("""
                {"type": "object", "required": ["answer", "score"],
                 "properties": {"answer": {"type": "string"}, "score": {"type": "integer"}}}""");
    }

    @Test
    void should_repair_invalid_structured_output_once_then_accept_it() throws Exception {
        server.then(
                ScriptedOpenAiServer.ok("{\"answer\": 3}", 20, 4),
                ScriptedOpenAiServer.ok("{\"answer\": \"yes\", \"score\": 2}", 40, 8));
        ChatResult r = gateway(settings().build()).chat(ask("judge").withSchema(answerSchema()));

        assertThat(JSON.readTree(r.text()).path("answer").asText()).isEqualTo("yes");
        assertThat(r.inputTokens()).isEqualTo(60);
        assertThat(r.outputTokens()).isEqualTo(12);
        assertThat(r.attempts()).isEqualTo(2);
        List<ScriptedOpenAiServer.Seen> seen = server.requests();
        assertThat(seen.getFirst().body().path("response_format").path("type").asText())
                .isEqualTo("json_schema");
        assertThat(seen.get(1).lastUserMessage())
                .contains("$.answer: expected \"string\", got integer")
                .contains("missing required property \"score\"");
        assertThat(catalog.llmCalls(0)).extracting(LlmCallRecord::outcome).containsExactly("invalid_output", "ok");
    }

    @Test
    void should_refuse_structured_output_that_is_still_invalid_after_one_repair() throws Exception {
        server.then(ScriptedOpenAiServer.ok("not json", 20, 4), ScriptedOpenAiServer.ok("{\"answer\": \"x\"}", 30, 5));
        LlmGateway g = gateway(settings().cacheEntries(10).build());

        assertThatThrownBy(() -> g.chat(ask("judge").withSchema(answerSchema())))
                .isInstanceOfSatisfying(
                        LlmException.class, e -> assertThat(e.outcome()).isEqualTo(LlmOutcome.INVALID_OUTPUT))
                .hasMessageContaining("missing required property \"score\"");
        assertThat(server.requests()).hasSize(2);
        assertThat(catalog.llmCalls(0))
                .extracting(LlmCallRecord::outcome)
                .containsExactly("invalid_output", "invalid_output");
        assertThat(catalog.llmCalls(0).stream()
                        .mapToLong(LlmCallRecord::inputTokens)
                        .sum())
                .isEqualTo(50);
    }

    @Test
    void should_send_the_key_from_its_environment_variable_as_bearer_and_never_record_it() {
        LlmGateway g = gateway(settings().build());
        g.chat(ask("q"));

        assertThat(server.requests().getFirst().authorization()).isEqualTo("Bearer " + SECRET);
        assertThat(g.settings().toString()).contains(KEY_ENV).doesNotContain(SECRET);
        assertThat(catalog.llmCalls(0)).allSatisfy(r -> {
            assertThat(r.toString()).doesNotContain(SECRET);
            assertThat(r.keyId()).isEqualTo(KEY_ENV);
        });
    }

    private LlmSettings.Builder azure(Map<String, String> deployments) {
        return LlmSettings.builder(server.rootUrl(), "test-model", KEY_ENV)
                .azure("2024-10-21", deployments)
                .timeoutMillis(2_000)
                .retries(3, 20)
                .cacheEntries(0);
    }

    @Test
    void should_call_an_azure_deployment_with_its_api_version_and_the_key_in_api_key_not_authorization() {
        LlmGateway g = gateway(azure(Map.of("test-model", "prod-mini")).build());
        ChatResult plain = g.chat(ask("q"));
        List<String> pieces = new CopyOnWriteArrayList<>();
        server.then(new SlowStream(List.of("str", "eamed"), 0, 4, 2));
        ChatResult streamed = g.stream(ask("s"), pieces::add);

        assertThat(plain.text()).isEqualTo("fine");
        assertThat(streamed.text()).isEqualTo("streamed");
        assertThat(pieces).containsExactly("str", "eamed");
        assertThat(server.requests()).hasSize(2).allSatisfy(seen -> {
            assertThat(seen.pathAndQuery())
                    .isEqualTo("/openai/deployments/prod-mini/chat/completions?api-version=2024-10-21");
            assertThat(seen.header("api-key")).isEqualTo(SECRET);
            assertThat(seen.authorization()).isNull();
        });
        assertThat(catalog.llmCalls(0)).allSatisfy(r -> {
            assertThat(r.model())
                    .as("the ledger names the model, not the deployment")
                    .isEqualTo("test-model");
            assertThat(r.toString()).doesNotContain(SECRET);
        });
    }

    @Test
    void should_call_each_azure_model_through_its_mapped_deployment_or_one_of_its_own_name() {
        LlmGateway g = gateway(azure(Map.of("test-model", "prod-mini")).build());
        g.chat(ask("cheap"));
        g.chat(new ChatRequest("gpt-4o", ask("strong").messages(), 0.0, 100, null, "answer", "answer-v1", null));

        assertThat(server.requests())
                .extracting(ScriptedOpenAiServer.Seen::pathAndQuery)
                .containsExactly(
                        "/openai/deployments/prod-mini/chat/completions?api-version=2024-10-21",
                        "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21");
        assertThatThrownBy(() -> g.chat(new ChatRequest(
                        "llama3.1:8b", ask("q").messages(), null, 100, null, "answer", "answer-v1", null)))
                .isInstanceOfSatisfying(
                        LlmException.class, e -> assertThat(e.outcome()).isEqualTo(LlmOutcome.FAILED))
                .hasMessageContaining("has no entry in llm.azure.deployments");
        assertThat(server.requests())
                .as("no request for a model without a deployment")
                .hasSize(2);
        assertThat(catalog.llmCalls(0))
                .extracting(LlmCallRecord::model, LlmCallRecord::outcome)
                .containsExactly(tuple("test-model", "ok"), tuple("gpt-4o", "ok"), tuple("llama3.1:8b", "failed"));
    }

    private static ChatRequest atTemperatureZero(String model) {
        return new ChatRequest(model, List.of(ChatMessage.user("q")), 0.0, 100, null, "answer", "answer-v1", null);
    }

    @Test
    void should_send_max_completion_tokens_and_no_temperature_to_a_reasoning_model_plain_and_streamed() {
        LlmGateway g = gateway(settings().build());
        g.chat(atTemperatureZero("o4-mini"));
        g.stream(atTemperatureZero("o4-mini"), piece -> {});

        assertThat(server.requests()).hasSize(2).allSatisfy(seen -> {
            assertThat(seen.body().path("max_completion_tokens").asInt()).isEqualTo(100);
            assertThat(seen.body().has("max_tokens")).isFalse();
            assertThat(seen.body().has("temperature")).isFalse();
        });
        assertThat(server.requests().get(1).body().path("stream").asBoolean()).isTrue();
    }

    @Test
    void should_send_max_tokens_and_the_temperature_to_a_chat_model_plain_and_streamed() {
        LlmGateway g = gateway(settings().build());
        g.chat(atTemperatureZero("gpt-4o-mini"));
        g.stream(atTemperatureZero("gpt-4o-mini"), piece -> {});

        assertThat(server.requests()).hasSize(2).allSatisfy(seen -> {
            assertThat(seen.body().path("max_tokens").asInt()).isEqualTo(100);
            assertThat(seen.body().has("max_completion_tokens")).isFalse();
            assertThat(seen.body().path("temperature").isNumber()).isTrue();
            assertThat(seen.body().path("temperature").asDouble()).isZero();
        });
    }

    @Test
    void should_send_the_token_parameter_the_settings_name_whatever_the_model() {
        LlmGateway forced = gateway(
                settings().tokenParameter(TokenParameter.MAX_COMPLETION_TOKENS).build());
        forced.chat(atTemperatureZero("gpt-4o-mini"));
        LlmGateway legacy =
                gateway(settings().tokenParameter(TokenParameter.MAX_TOKENS).build());
        legacy.chat(atTemperatureZero("o3"));

        JsonNode chatModel = server.requests().get(0).body();
        assertThat(chatModel.path("max_completion_tokens").asInt()).isEqualTo(100);
        assertThat(chatModel.has("max_tokens")).isFalse();
        assertThat(chatModel.has("temperature"))
                .as("a chat model keeps its temperature")
                .isTrue();
        JsonNode reasoning = server.requests().get(1).body();
        assertThat(reasoning.path("max_tokens").asInt()).isEqualTo(100);
        assertThat(reasoning.has("max_completion_tokens")).isFalse();
        assertThat(reasoning.has("temperature"))
                .as("a reasoning model refuses any")
                .isFalse();
    }

    @Test
    void should_name_the_missing_key_variable_and_make_no_request() {
        LlmGateway g = new LlmGateway(
                settings().build(),
                PriceTable.defaults(),
                new Budget(catalog, Budget.Limits.none()),
                catalog,
                name -> null,
                Clock.systemUTC());
        gateways.add(g);

        assertThatThrownBy(() -> g.chat(ask("q"))).hasMessageContaining(KEY_ENV + " (llm.apiKeyEnv) is not set");
        assertThat(server.requests()).isEmpty();
    }
}
