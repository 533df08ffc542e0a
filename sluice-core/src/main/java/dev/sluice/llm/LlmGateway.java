package dev.sluice.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.Backoff;
import dev.sluice.observe.Traces;
import io.opentelemetry.api.trace.Span;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way Sluice calls a language model. Each call goes: response cache, budget reservation (in
 * the ledger, so that it holds across processes), circuit breaker, then up to {@code 1 + retries}
 * attempts, each one through the rate limiter and with its own deadline; then one ledger row with the
 * real cost is written and the reservation released.
 * Structured output (a request with a schema) is validated and, if invalid, repaired once by sending
 * the errors back to the model. Thread-safe: share one gateway per endpoint.
 *
 * <p>Failures are typed: {@link BudgetExceededException} and {@link CircuitOpenException} (no request
 * made), and {@link LlmException} with {@link LlmOutcome#FAILED} or {@link LlmOutcome#INVALID_OUTPUT}.
 */
public final class LlmGateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LlmGateway.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    // Package-private where GatewayEmbeddings runs an embeddings call with the same parts.
    private final LlmSettings settings;
    private final Backoff backoff;
    final PriceTable prices;
    final Budget budget;
    private final LedgerStore catalog;
    private final Function<String, String> environment;
    final Clock clock;
    final OpenAiProtocolClient client;
    final RateLimiter limiter;
    final CircuitBreaker breaker;
    private final ResponseCache cache;
    private final java.util.List<java.util.function.Consumer<LlmCallRecord>> listeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param budget shared by every gateway that spends from the same purse
     * @param catalog where the ledger lives (usually the knowledge base's catalog)
     * @param environment looks up the API key variable; {@code System::getenv} outside tests
     */
    public LlmGateway(
            LlmSettings settings,
            PriceTable prices,
            Budget budget,
            LedgerStore catalog,
            Function<String, String> environment,
            Clock clock) {
        this.settings = settings;
        this.backoff = Backoff.doubling(settings.backoffMillis());
        this.prices = prices;
        this.budget = budget;
        this.catalog = catalog;
        this.environment = environment;
        this.clock = clock;
        this.client = new OpenAiProtocolClient(settings);
        this.limiter = new RateLimiter(settings.requestsPerMinute(), settings.tokensPerMinute());
        this.breaker = new CircuitBreaker(settings.breakerFailures(), settings.breakerOpenMillis());
        this.cache = new ResponseCache(settings.cacheEntries());
        LOG.debug("LLM gateway: {}", settings);
    }

    public LlmGateway(LlmSettings settings, PriceTable prices, Budget budget, LedgerStore catalog) {
        this(settings, prices, budget, catalog, System::getenv, Clock.systemUTC());
    }

    public LlmSettings settings() {
        return settings;
    }

    /** Calls answered from the response cache and not, since this gateway opened: {hits, misses}. */
    public long[] responseCacheCounts() {
        return cache.counts();
    }

    /**
     * Asks the model and waits for the whole reply. With a schema the reply is JSON that satisfies it,
     * after at most one repair.
     *
     * @throws LlmException when there is no usable reply; see the class comment for its kinds
     */
    public ChatResult chat(ChatRequest request) {
        return traced(request, false, () -> ask(request, null));
    }

    /**
     * Asks the model with a streamed reply: {@code onDelta} receives each piece as it arrives, on an
     * HTTP client thread, in order; the result holds the whole text and the usage. An attempt that
     * fails after a piece was delivered is not retried (the caller would see the text twice). A cache
     * hit delivers the whole text as one piece.
     */
    public ChatResult stream(ChatRequest request, Consumer<String> onDelta) {
        if (request.schema() != null) {
            throw new IllegalArgumentException("structured output (a schema) needs the whole reply; use chat()");
        }
        Consumer<String> deltas = java.util.Objects.requireNonNull(onDelta, "onDelta");
        return traced(request, true, () -> ask(request, deltas));
    }

    /** One call in a span of its own: purpose, prompt version, model, tokens, latency, attempts, cache, outcome. */
    private ChatResult traced(ChatRequest request, boolean streamed, java.util.function.Supplier<ChatResult> call) {
        Span span = Traces.child("llm.call");
        span.setAttribute("sluice.llm.purpose", request.purpose());
        span.setAttribute("sluice.llm.prompt_version", String.valueOf(request.promptVersion()));
        span.setAttribute("sluice.llm.streamed", streamed);
        try {
            ChatResult r = call.get();
            span.setAttribute("sluice.llm.model", r.model());
            span.setAttribute("sluice.llm.input_tokens", r.inputTokens());
            span.setAttribute("sluice.llm.output_tokens", r.outputTokens());
            span.setAttribute("sluice.llm.latency_ms", r.latencyMillis());
            span.setAttribute("sluice.llm.attempts", r.attempts());
            span.setAttribute("sluice.llm.cache_hit", r.fromCache());
            span.setAttribute("sluice.llm.outcome", r.fromCache() ? "cached" : "ok");
            // What the ledger charged for this call: nothing for a cache hit.
            span.setAttribute(
                    "sluice.llm.cost_usd",
                    r.fromCache()
                            ? 0.0
                            : prices.price(r.model()).costPicoUsd(r.inputTokens(), r.outputTokens()) / 1e12);
            span.setAttribute("sluice.llm.breaker_open", breaker.isOpen());
            return r;
        } catch (LlmException e) {
            span.setAttribute("sluice.llm.outcome", e.outcome().name().toLowerCase(Locale.ROOT));
            span.setAttribute("sluice.llm.breaker_open", breaker.isOpen());
            Traces.fail(span, e);
            throw e;
        } catch (RuntimeException e) {
            Traces.fail(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    private ChatResult ask(ChatRequest request, Consumer<String> onDelta) {
        String model = request.model() != null ? request.model() : settings.model();
        int maxTokens = request.maxTokens() != null ? request.maxTokens() : settings.defaultMaxTokens();
        String cacheKey = ResponseCache.key(model, request, maxTokens);
        ChatResult cached = cache.get(cacheKey);
        if (cached != null) {
            // Decision: a cache hit writes a ledger row (outcome cached, no tokens, no cost) so that reports
            // show how much the cache saved; token sums over the ledger stay equal to what providers billed.
            ledger(clock.millis(), request, model, 0, 0, 0, 0, LlmOutcome.CACHED, 0, null);
            if (onDelta != null) {
                onDelta.accept(cached.text());
            }
            return new ChatResult(cached.text(), 0, 0, cached.model(), cached.finishReason(), 0, true, 0);
        }
        Single first = once(request, model, maxTokens, onDelta);
        ChatResult result = first.result();
        if (first.schemaErrors().isEmpty()) {
            cache.put(cacheKey, result);
            return result;
        }
        List<ChatMessage> conversation = new ArrayList<>(request.messages());
        conversation.add(ChatMessage.assistant(result.text()));
        conversation.add(ChatMessage.user("Your reply does not satisfy the required JSON schema: "
                + String.join("; ", first.schemaErrors())
                + ". Reply again with only the corrected JSON object, nothing else."));
        Single repair = once(request.withMessages(conversation), model, maxTokens, null);
        ChatResult fixed = repair.result();
        if (!repair.schemaErrors().isEmpty()) {
            throw new LlmException(
                    LlmOutcome.INVALID_OUTPUT,
                    "the model's reply did not satisfy the schema, even after one repair: "
                            + String.join("; ", repair.schemaErrors()));
        }
        ChatResult combined = new ChatResult(
                fixed.text(),
                result.inputTokens() + fixed.inputTokens(),
                result.outputTokens() + fixed.outputTokens(),
                fixed.model(),
                fixed.finishReason(),
                result.latencyMillis() + fixed.latencyMillis(),
                false,
                result.attempts() + fixed.attempts());
        cache.put(cacheKey, combined);
        return combined;
    }

    /** One model call (with retries) and its ledger row; schema errors are returned, not thrown. */
    private record Single(ChatResult result, List<String> schemaErrors) {}

    private Single once(ChatRequest request, String model, int maxTokens, Consumer<String> onDelta) {
        long atMillis = clock.millis();
        long startNanos = System.nanoTime();
        TokenEstimate estimate = TokenEstimate.of(request.messages(), maxTokens);
        PriceTable.Price price = prices.price(model);
        Budget.Reservation reservation;
        try {
            reservation = budget.reserve(
                    keyId(request),
                    price.costPicoUsd(estimate.inputTokens(), estimate.outputTokens()),
                    longestCallMillis());
        } catch (BudgetExceededException e) {
            ledger(atMillis, request, model, 0, 0, 0, 0, LlmOutcome.BUDGET_EXCEEDED, 0, e.getMessage());
            throw e;
        }
        int attempts = 0;
        URI endpoint = settings.baseUrl();
        try {
            endpoint = endpoint(model);
            breaker.acquire(settings.baseUrl().toString()); // one breaker per gateway, over all its deployments
            String apiKey = apiKey();
            ProtocolFailure last = null;
            OpenAiProtocolClient.Completion done = null;
            for (int attempt = 0; done == null; attempt++) {
                limiter.acquire(estimate.total());
                attempts++;
                try {
                    done = client.complete(
                            endpoint, model, request, maxTokens, apiKey, settings.timeoutMillis(), onDelta);
                } catch (ProtocolFailure.Thrown thrown) {
                    last = thrown.failure();
                    long wait = waitBeforeRetry(last, attempt);
                    if (wait < 0) {
                        break;
                    }
                    TimeUnit.MILLISECONDS.sleep(wait);
                }
            }
            long latency = (System.nanoTime() - startNanos) / 1_000_000;
            if (done == null) {
                throw failed(last, attempts);
            }
            long in = done.usageReported() ? done.inputTokens() : estimate.inputTokens();
            long out = done.usageReported() ? done.outputTokens() : Math.min(estimate.outputTokens(), maxTokens);
            limiter.correct(in + out - estimate.total());
            long spent = price.costPicoUsd(in, out);
            breaker.succeeded();
            List<String> schemaErrors = request.schema() == null ? List.of() : schemaErrors(request.schema(), done);
            String error =
                    schemaErrors.isEmpty() ? null : "invalid structured output: " + String.join("; ", schemaErrors);
            if (!done.usageReported()) {
                error = (error == null ? "" : error + "; ") + "the server reported no usage: tokens estimated";
            }
            // The row first, then the release: in between both count, so no other call sees the money as free.
            ledger(
                    atMillis,
                    request,
                    model,
                    in,
                    out,
                    spent,
                    latency,
                    schemaErrors.isEmpty() ? LlmOutcome.OK : LlmOutcome.INVALID_OUTPUT,
                    attempts,
                    error);
            ChatResult result = new ChatResult(
                    done.text(),
                    in,
                    out,
                    done.model() != null ? done.model() : model,
                    done.finishReason(),
                    latency,
                    false,
                    attempts);
            return new Single(result, schemaErrors);
        } catch (CircuitOpenException e) {
            ledger(atMillis, request, model, 0, 0, 0, 0, LlmOutcome.CIRCUIT_OPEN, 0, e.getMessage());
            throw e;
        } catch (LlmException e) {
            ledger(atMillis, request, model, 0, 0, 0, elapsed(startNanos), e.outcome(), attempts, e.getMessage());
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            breaker.neutral();
            ledger(atMillis, request, model, 0, 0, 0, elapsed(startNanos), LlmOutcome.FAILED, attempts, "interrupted");
            throw new LlmException(LlmOutcome.FAILED, "interrupted while calling " + endpoint);
        } finally {
            budget.settle(reservation); // after the ledger row of every outcome: the catch blocks write theirs first
        }
    }

    /**
     * The longest one call can take, which bounds how long its budget reservation counts if it is never
     * released: every attempt to its deadline, the longest wait before each retry, and ten minutes for
     * the rate limiter's queue.
     */
    long longestCallMillis() {
        long millis = 600_000L;
        for (int attempt = 0; attempt <= settings.retries(); attempt++) {
            millis = saturatedAdd(millis, settings.timeoutMillis());
            if (attempt < settings.retries()) {
                long backoffCeiling = settings.backoffMillis() << Math.min(attempt, 20);
                long wait =
                        Math.max(settings.maxRetryAfterMillis(), backoffCeiling < 0 ? Long.MAX_VALUE : backoffCeiling);
                millis = saturatedAdd(millis, wait);
            }
        }
        return millis;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE / 2 : sum;
    }

    /** Milliseconds to wait before the next attempt, or -1 to stop. */
    long waitBeforeRetry(ProtocolFailure failure, int attempt) {
        if (!failure.retryable() || failure.deltasSent() || attempt >= settings.retries()) {
            return -1;
        }
        if (failure.retryAfterMillis() > settings.maxRetryAfterMillis()) {
            return -1;
        }
        return backoff.delayMillis(attempt, failure.retryAfterMillis());
    }

    LlmException failed(ProtocolFailure last, int attempts) {
        boolean providerFault = last.retryable();
        if (providerFault) {
            breaker.failed();
        } else {
            breaker.neutral();
        }
        String message = last.message() + (attempts > 1 ? " (after " + attempts + " attempts)" : "");
        if (last.retryAfterMillis() > settings.maxRetryAfterMillis()) {
            message += String.format(
                    Locale.ROOT,
                    "; the server asks to wait %d ms, longer than Sluice waits for a retry (%d ms)",
                    last.retryAfterMillis(),
                    settings.maxRetryAfterMillis());
        } else if (last.deltasSent()) {
            message += "; not retried because part of the stream had reached the caller";
        }
        return new LlmException(LlmOutcome.FAILED, message);
    }

    private static List<String> schemaErrors(JsonNode schema, OpenAiProtocolClient.Completion done) {
        JsonNode value;
        try {
            value = JSON.readTree(stripFences(done.text()));
        } catch (IOException e) {
            return List.of("the reply is not JSON: " + SseAssembler.abbreviate(done.text()));
        }
        return value == null ? List.of("the reply is empty") : JsonSchemaCheck.errors(schema, value);
    }

    /** Some local models wrap JSON in a Markdown code fence even when asked not to. */
    private static String stripFences(String text) {
        String t = text.strip();
        if (t.startsWith("```") && t.endsWith("```") && t.length() >= 6) {
            int newline = t.indexOf('\n');
            return newline < 0 ? t : t.substring(newline + 1, t.length() - 3);
        }
        return t;
    }

    /** The model's URL; an Azure model without a usable deployment name fails the call, no request made. */
    private URI endpoint(String model) {
        try {
            return settings.chatCompletionsUri(model);
        } catch (IllegalArgumentException e) {
            throw new LlmException(LlmOutcome.FAILED, e.getMessage());
        }
    }

    String apiKey() {
        if (settings.apiKeyEnv() == null) {
            return null;
        }
        String key = environment.apply(settings.apiKeyEnv());
        if (key == null || key.isBlank()) {
            breaker.neutral();
            throw new LlmException(
                    LlmOutcome.FAILED,
                    "the environment variable " + settings.apiKeyEnv()
                            + " (llm.apiKeyEnv) is not set; export the API key there, or remove apiKeyEnv for a"
                            + " server without keys");
        }
        return key;
    }

    private String keyId(ChatRequest request) {
        if (request.keyId() != null) {
            return request.keyId();
        }
        return settings.apiKeyEnv() != null ? settings.apiKeyEnv() : "none";
    }

    private static long elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private void ledger(
            long atMillis,
            ChatRequest request,
            String model,
            long in,
            long out,
            long picoUsd,
            long latencyMillis,
            LlmOutcome outcome,
            int attempts,
            String error) {
        ledger(
                atMillis,
                request.purpose(),
                request.promptVersion(),
                keyId(request),
                model,
                in,
                out,
                picoUsd,
                latencyMillis,
                outcome,
                attempts,
                error);
    }

    void ledger(
            long atMillis,
            String purpose,
            String promptVersion,
            String keyId,
            String model,
            long in,
            long out,
            long picoUsd,
            long latencyMillis,
            LlmOutcome outcome,
            int attempts,
            String error) {
        LlmCallRecord call = new LlmCallRecord(
                0,
                atMillis,
                purpose,
                model,
                promptVersion,
                keyId,
                in,
                out,
                picoUsd,
                latencyMillis,
                outcome.ledgerName(),
                attempts,
                error);
        catalog.recordLlmCall(call);
        for (java.util.function.Consumer<LlmCallRecord> listener : listeners) {
            try {
                listener.accept(call);
            } catch (RuntimeException e) {
                LOG.warn("an LLM call listener failed: {}", e.getMessage()); // never the call itself
            }
        }
    }

    /**
     * Tells {@code listener} of every call as its ledger row is written (metrics of the service: latency,
     * attempts, outcomes). Listeners run on the calling thread and must be quick; a failing one is logged.
     */
    public void onCall(java.util.function.Consumer<LlmCallRecord> listener) {
        listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Embeds {@code texts} with one request to an OpenAI-compatible {@code /embeddings} endpoint, under
     * the same discipline as a chat call (budget, breaker, rate limit, retries, one ledger row); see
     * {@link GatewayEmbeddings}. Vectors come back in input order, as the server sent them.
     *
     * @param requestDimensions sent as {@code dimensions} when > 0
     * @param expectDimensions every vector must have this size (0: any, all alike)
     * @throws LlmException when there are no vectors: budget, breaker, or a failure after the retries
     */
    public List<float[]> embed(
            String purpose,
            URI endpoint,
            String model,
            List<String> texts,
            int requestDimensions,
            int expectDimensions) {
        return new GatewayEmbeddings(this).embed(purpose, endpoint, model, texts, requestDimensions, expectDimensions);
    }

    /** Whether the circuit breaker refuses calls now (after repeated failures of the provider). */
    public boolean breakerOpen() {
        return breaker.isOpen();
    }

    @Override
    public void close() {
        client.close();
    }
}
