package dev.sluice.transform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.Hashing;
import dev.sluice.llm.Budget;
import dev.sluice.llm.LedgerStore;
import dev.sluice.llm.LlmGateway;
import dev.sluice.llm.LlmSettings;
import dev.sluice.llm.OpenAiBatchClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LLM transforms of one run: open it from the configuration, call {@link #enrich} for each document
 * after chunking (from any number of threads), close it at the end of the run. Never throws for a model
 * failure or a budget stop: those become {@link Enrichment#failures()} and {@link Enrichment#pending()}.
 *
 * <pre>{@code
 * try (Transforms transforms = Transforms.open(config.transforms(), catalog.transforms(), catalog)) {
 *     Enrichment e = transforms.enrich(new TransformInput(uri, source, title, text, chunks));
 *     // index e.metadata(), e.questionsByChunkId(), e.contextByChunkId()
 * }
 * }</pre>
 */
public final class Transforms implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Transforms.class);

    /**
     * The key id transforms' calls carry in the ledger: the daily limit of transforms is the ledger's
     * per-key limit for it, so it holds across processes like every other budget.
     */
    public static final String LEDGER_KEY = "transforms";

    private final TransformSettings settings;
    private final LlmGateway gateway;
    private final ExecutorService pool;
    private final TransformCalls calls;
    private final String fingerprint;
    private final String runId;
    private final TransformBatches batches; // null without a batch-capable provider

    private Transforms(
            TransformSettings settings,
            LlmGateway gateway,
            TransformCalls calls,
            String runId,
            TransformBatches batches) {
        this.batches = batches;
        this.settings = settings;
        this.gateway = gateway;
        this.calls = calls;
        this.runId = runId;
        this.fingerprint = fingerprint(settings.steps());
        if (gateway == null) {
            this.pool = null;
        } else {
            AtomicInteger n = new AtomicInteger();
            this.pool = Executors.newFixedThreadPool(
                    settings.concurrency(), r -> new Thread(r, "sluice-transform-" + n.incrementAndGet()));
        }
    }

    /**
     * The transforms configured in {@code settings} ({@code config.transforms()}); one that does nothing
     * when none is configured.
     *
     * @param store where outputs are cached ({@code catalog.transforms()})
     * @param ledger where each call's cost goes, and where the budgets are held
     */
    public static Transforms open(TransformSettings settings, TransformStore store, LedgerStore ledger) {
        return open(settings, store, ledger, System::getenv, Clock.systemUTC());
    }

    /** As {@link #open(TransformSettings, TransformStore, LedgerStore)}, with the API key's lookup and a clock. */
    public static Transforms open(
            TransformSettings settings,
            TransformStore store,
            LedgerStore ledger,
            Function<String, String> environment,
            Clock clock) {
        String runId = "tr-" + Long.toString(clock.millis(), 36) + "-"
                + ProcessHandle.current().pid();
        if (!settings.configured()) {
            return new Transforms(settings, null, null, runId, null);
        }
        LlmSettings llm = settings.llm();
        // Transforms' own limits on the provider; no in-memory cache: the store is the cache, across runs.
        LlmSettings own = new LlmSettings(
                llm.baseUrl(),
                llm.model(),
                llm.apiKeyEnv(),
                llm.provider(),
                llm.azure(),
                llm.tokenParameter(),
                llm.timeoutMillis(),
                llm.retries(),
                llm.backoffMillis(),
                llm.maxRetryAfterMillis(),
                settings.requestsPerMinute(),
                llm.tokensPerMinute(),
                llm.breakerFailures(),
                llm.breakerOpenMillis(),
                0,
                llm.defaultMaxTokens());
        Budget.Limits l = settings.llmBudget();
        Budget budget = new Budget(
                ledger,
                new Budget.Limits(
                        l.dailyPicoUsd(),
                        l.monthlyPicoUsd(),
                        settings.dailyPicoUsd() > 0 ? settings.dailyPicoUsd() : l.perKeyDailyPicoUsd(),
                        l.perKeyMonthlyPicoUsd()),
                clock);
        LlmGateway gateway = new LlmGateway(own, settings.prices(), budget, ledger, environment, clock);
        RunBudget runBudget = new RunBudget(settings.perRunPicoUsd(), settings.dailyPicoUsd(), ledger, clock);
        TransformBatches batches = null;
        if (own.provider() == LlmSettings.Provider.OPENAI) {
            batches = new TransformBatches(
                    new OpenAiBatchClient(own, environment), store, ledger, settings.prices(), clock, settings.steps());
            batches.collect(); // finished batches of earlier runs first: their results are this run's cache hits
        }
        TransformCalls calls = new TransformCalls(
                gateway, store, runBudget, settings.prices(), clock, runId, settings.batch() ? batches : null);
        return new Transforms(settings, gateway, calls, runId, batches);
    }

    /** Whether any step is configured; when not, {@link #enrich} returns {@link Enrichment#NONE}. */
    public boolean configured() {
        return settings.configured();
    }

    /** The settings it runs. */
    public TransformSettings settings() {
        return settings;
    }

    /** This run's id, as its stored outputs record it. */
    public String runId() {
        return runId;
    }

    /**
     * Names, kinds, prompt versions, models and schemas of the configured steps, hashed: it changes when
     * any of them does (a document enriched under another fingerprint should be enriched again). Empty
     * when none is configured.
     */
    public String fingerprint() {
        return fingerprint;
    }

    static String fingerprint(List<TransformStep> steps) {
        if (steps.isEmpty()) {
            return "";
        }
        StringBuilder all = new StringBuilder();
        for (TransformStep s : steps) {
            all.append(String.join(
                            "\u0000",
                            s.name(),
                            s.kind().label(),
                            s.version(),
                            s.model(),
                            String.valueOf(s.escalateTo()),
                            s.schema().toString(),
                            Integer.toString(s.maxInputTokens()),
                            String.join(",", s.sources())))
                    .append('\u0001');
        }
        return Hashing.sha256Hex(all.toString()).substring(0, 16);
    }

    /**
     * Runs every step that applies to {@code input}: outputs from the store where the key matches, the
     * model otherwise, within the budgets. Thread-safe; calls go to at most {@code concurrency} threads
     * shared by all callers.
     */
    public Enrichment enrich(TransformInput input) {
        if (!configured()) {
            return Enrichment.NONE;
        }
        List<TransformItem> items = TransformItem.of(settings.steps(), input);
        if (items.isEmpty()) {
            return Enrichment.NONE;
        }
        List<Future<ItemResult>> futures = new ArrayList<>(items.size());
        for (TransformItem item : items) {
            futures.add(pool.submit(() -> calls.run(item)));
        }
        List<ItemResult> results = new ArrayList<>(items.size());
        for (int i = 0; i < futures.size(); i++) {
            try {
                results.add(futures.get(i).get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(f -> f.cancel(true));
                for (int j = i; j < items.size(); j++) {
                    results.add(ItemResult.pending(items.get(j)));
                }
                break;
            } catch (ExecutionException e) {
                // A bug or a store failure: that item is not enriched, the sync goes on.
                LOG.warn(
                        "transform {} failed on {}: {}",
                        items.get(i).step().name(),
                        items.get(i).item(),
                        e.getCause().toString());
                results.add(ItemResult.failed(
                        items.get(i),
                        ItemResult.State.FAILED,
                        "internal error: " + e.getCause(),
                        "report it with the log; the next run tries this item again"));
            }
        }
        return assemble(results);
    }

    private static Enrichment assemble(List<ItemResult> results) {
        Map<String, List<String>> metadata = new LinkedHashMap<>();
        Map<String, List<String>> questions = new LinkedHashMap<>();
        Map<String, String> context = new LinkedHashMap<>();
        List<TransformFailure> failures = new ArrayList<>();
        int pending = 0;
        for (ItemResult r : results) {
            TransformStep step = r.item().step();
            switch (r.state()) {
                case PENDING -> pending++;
                case INVALID, FAILED ->
                    failures.add(new TransformFailure(step.name(), r.item().item(), r.reason(), r.fix()));
                case VALID -> {
                    JsonNode out = r.output();
                    switch (step.kind()) {
                        case CLASSIFY ->
                            metadata.put(step.name(), List.of(out.path("label").asText()));
                        case SUMMARIZE ->
                            metadata.put(
                                    step.name(),
                                    List.of(out.path("summary").asText().strip()));
                        case EXTRACT -> {
                            for (TransformKind.Field f : step.fields()) {
                                List<String> values = values(out.get(f.name()));
                                if (!values.isEmpty()) {
                                    metadata.put(f.name(), values);
                                }
                            }
                        }
                        case QUESTIONS -> {
                            List<String> list =
                                    questions.computeIfAbsent(r.item().chunkId(), k -> new ArrayList<>());
                            out.path("questions")
                                    .forEach(q -> list.add(q.asText().strip()));
                        }
                        case CONTEXTUALIZE ->
                            context.merge(
                                    r.item().chunkId(),
                                    out.path("context").asText().strip(),
                                    (a, b) -> a + " " + b);
                    }
                }
            }
        }
        questions.replaceAll((k, v) -> List.copyOf(v));
        return new Enrichment(metadata, questions, context, failures, pending);
    }

    /** A field's value as text: none for null, each element of a list, numbers as written. */
    private static List<String> values(JsonNode v) {
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (v.isArray()) {
            List<String> out = new ArrayList<>();
            v.forEach(e -> {
                if (!e.isNull()) {
                    out.add(e.isTextual() ? e.asText().strip() : e.toString());
                }
            });
            return out;
        }
        return List.of(v.isTextual() ? v.asText().strip() : v.toString());
    }

    /** Calls, cache hits, invalid outputs, escalations, pending items and the cost of this run so far. */
    public TransformRunSummary summary() {
        return calls == null ? TransformRunSummary.EMPTY : calls.summary();
    }

    /** Why this run stopped calling the model (a budget), or null if it has not. */
    public String stoppedBecause() {
        return calls == null ? null : calls.stoppedBecause();
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
            try {
                pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pool.shutdownNow();
            if (batches != null) {
                if (settings.batch()) {
                    batches.submit(runId);
                }
                batches.close();
            }
            gateway.close();
            TransformRunSummary s = summary();
            LOG.info(String.format(
                    Locale.ROOT,
                    "transforms run %s: %d calls, %d cache hits, %d valid, %d invalid, %d escalations, %d pending,"
                            + " %.6f USD",
                    runId,
                    s.calls(),
                    s.cacheHits(),
                    s.valid(),
                    s.invalid(),
                    s.escalations(),
                    s.pending(),
                    s.costUsd()));
        }
    }
}
