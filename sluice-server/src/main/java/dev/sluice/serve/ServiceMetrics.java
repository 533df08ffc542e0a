package dev.sluice.serve;

import dev.sluice.KnowledgeBase;
import dev.sluice.catalog.Catalog;
import dev.sluice.ingest.IngestReport;
import dev.sluice.llm.LedgerStore;
import dev.sluice.llm.LlmGateway;
import io.javalin.http.Context;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** What {@code /metrics} shows beyond the JVM: requests, the index, ingestion, freshness, the ledger. */
final class ServiceMetrics {
    private ServiceMetrics() {}

    static void bind(MeterRegistry registry, KnowledgeBase searcher) {
        LedgerStore catalog = searcher.ledger();
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        Gauge.builder("sluice.index.chunks", searcher, x -> x.searcher().index().chunkCount())
                .description("chunks in the index searches use")
                .register(registry);
        for (dev.sluice.incident.Incident.Kind kind : dev.sluice.incident.Incident.Kind.values()) {
            Gauge.builder(
                            "sluice.incidents.open",
                            searcher,
                            x -> x.incidentStore().incidents(true, 10_000).stream()
                                    .filter(i -> i.kind() == kind)
                                    .count())
                    .description("open incidents by kind (sluice incidents list)")
                    .tag("kind", kind.label())
                    .register(registry);
        }
        FunctionCounter.builder(
                        "sluice.llm.cost.usd", catalog, c -> c.llmTotals().picoUsd() / 1e12)
                .description("language model spend recorded in the ledger, all time")
                .register(registry);
        FunctionCounter.builder("sluice.llm.tokens", catalog, c -> c.llmTotals().inputTokens())
                .tag("direction", "input")
                .description("language model tokens recorded in the ledger, all time")
                .register(registry);
        FunctionCounter.builder("sluice.llm.tokens", catalog, c -> c.llmTotals().outputTokens())
                .tag("direction", "output")
                .description("language model tokens recorded in the ledger, all time")
                .register(registry);
        FunctionCounter.builder(
                        "sluice.llm.cache.hits", catalog, c -> c.llmTotals().cached())
                .description("language model calls answered from the response cache, all time")
                .register(registry);
        FunctionCounter.builder(
                        "sluice.query.vectors", searcher, x -> x.searcher().queryVectorCounts()[0])
                .tag("from", "cache")
                .description("query vectors of dense and hybrid searches, from the cache or the model")
                .register(registry);
        FunctionCounter.builder(
                        "sluice.query.vectors", searcher, x -> x.searcher().queryVectorCounts()[1])
                .tag("from", "model")
                .description("query vectors of dense and hybrid searches, from the cache or the model")
                .register(registry);
        sourceGauges(registry, searcher.catalog());
    }

    /**
     * Hits and misses of the in-memory caches the service holds, as {@code sluice_cache_hits_total}
     * and {@code sluice_cache_misses_total} with a {@code cache} tag: {@code query_vectors} (of the
     * searcher in use; it starts again at 0 when the index is reopened), {@code llm_responses} (only
     * when a language model is configured) and {@code api_keys} (keys trusted without reading the
     * catalog).
     */
    static void bindCaches(MeterRegistry registry, KnowledgeBase kb, Auth auth) {
        cache(registry, "query_vectors", kb, x -> x.searcher().queryVectorCounts());
        if (kb.config().llm().isPresent()) {
            cache(registry, "llm_responses", kb.gateway(), LlmGateway::responseCacheCounts);
        }
        cache(registry, "api_keys", auth, Auth::trustCacheCounts);
    }

    private static <T> void cache(MeterRegistry registry, String name, T source, Function<T, long[]> counts) {
        FunctionCounter.builder("sluice.cache.hits", source, s -> counts.apply(s)[0])
                .tag("cache", name)
                .description("lookups answered from an in-memory cache")
                .register(registry);
        FunctionCounter.builder("sluice.cache.misses", source, s -> counts.apply(s)[1])
                .tag("cache", name)
                .description("lookups an in-memory cache could not answer")
                .register(registry);
    }

    /**
     * One freshness gauge per source the catalog knows: seconds since its last successful sync,
     * growing while a source stops syncing. Registering is idempotent; called again after each run
     * for sources that appeared.
     */
    static void sourceGauges(MeterRegistry registry, Catalog catalog) {
        for (String name : catalog.sources().keySet()) {
            Gauge.builder("sluice.source.freshness.lag.seconds", catalog, c -> {
                        Catalog.SourceState state = c.sources().get(name);
                        return state == null || state.lastOkMillis() == 0
                                ? Double.NaN
                                : Math.max(0, System.currentTimeMillis() - state.lastOkMillis()) / 1000.0;
                    })
                    .tag("source", name)
                    .description("seconds since the source's last successful sync")
                    .register(registry);
        }
    }

    /** Counts one finished ingestion run. */
    static void countRun(MeterRegistry registry, IngestReport report) {
        registry.counter("sluice.ingest.documents", "outcome", "ingested").increment(report.ingested());
        registry.counter("sluice.ingest.documents", "outcome", "unchanged").increment(report.unchanged());
        registry.counter("sluice.ingest.documents", "outcome", "quarantined")
                .increment(report.quarantined().size());
        registry.counter("sluice.ingest.documents", "outcome", "deleted").increment(report.deleted());
        registry.counter("sluice.ingest.chunks.embedded").increment(report.embeddingsComputed());
        registry.counter("sluice.ingest.runs").increment();
        // Thread time each stage took in the run (summed over threads), so a rate shows where ingestion spends.
        report.stageMillis()
                .forEach((stage, millis) -> registry.counter(
                                "sluice.ingest.stage.seconds",
                                "stage",
                                stage.name().toLowerCase(java.util.Locale.ROOT))
                        .increment(millis / 1000.0));
    }

    /**
     * Language model calls of the service's gateway as they happen: latency by model and outcome (a
     * histogram), attempts (retries show as more than one), and whether the circuit breaker is open.
     */
    static void bindLlm(MeterRegistry registry, LlmGateway gateway) {
        gateway.onCall(call -> {
            Timer.builder("sluice.llm.call.latency")
                    .description("language model call latency, retries included, by model and outcome")
                    .tag("model", call.model())
                    .tag("outcome", call.outcome())
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(call.latencyMillis(), TimeUnit.MILLISECONDS);
            registry.counter("sluice.llm.call.attempts", "model", call.model()).increment(call.attempts());
            registry.counter("sluice.llm.calls", "model", call.model(), "outcome", call.outcome())
                    .increment();
        });
        Gauge.builder("sluice.llm.breaker.open", gateway, g -> g.breakerOpen() ? 1 : 0)
                .description("1 while the circuit breaker refuses calls to the provider after repeated failures")
                .register(registry);
    }

    /** One request into the latency histogram, by method, matched route (not the raw path) and status. */
    static void record(MeterRegistry registry, Context ctx, String startedAttribute) {
        Long started = ctx.attribute(startedAttribute);
        if (started == null) {
            return;
        }
        String route;
        try {
            var matched = ctx.endpoints().matchedHttpEndpoint();
            route = matched == null ? "unmatched" : matched.path;
        } catch (RuntimeException unmatched) {
            route = "unmatched"; // no HTTP route matched (a 404), or the request ended before routing
        }
        Timer.builder("sluice.http.requests")
                .description("HTTP requests by method, route and status")
                .tags("method", ctx.method().name(), "route", route, "status", Integer.toString(ctx.statusCode()))
                .publishPercentileHistogram()
                .register(registry)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }
}
