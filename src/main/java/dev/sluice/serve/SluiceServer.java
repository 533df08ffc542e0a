package dev.sluice.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.Sluice;
import dev.sluice.answer.Asker;
import dev.sluice.catalog.ApiKeyRecord;
import dev.sluice.catalog.Catalog;
import dev.sluice.config.SluiceConfig;
import dev.sluice.core.SluiceException;
import dev.sluice.retrieve.SearchFilters;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sluice serve}: the knowledge base over HTTP (Javalin on Jetty 12, virtual threads).
 * {@code /healthz} and {@code /readyz} are open; everything under {@code /v1} needs an API key
 * ({@code Authorization: Bearer sk_sluice_...}) with the route's scope: 401 without a valid key,
 * 403 without the scope. Every error is {@code {"code", "message"}} with a 4xx status for a
 * client's mistake; no stack trace leaves the server.
 *
 * <p>{@code /metrics} (Prometheus text, scope admin) has request latency histograms by route and
 * status, JVM figures, the index's chunk count and the ledger's spend.
 *
 * <p>Document-level access control: every search and every answer's retrieval carries the
 * caller's principal and groups into the index query, so results, snippets and citations only ever
 * come from documents the caller may read, and the ranking of what it may read is unaffected.
 *
 * <p>Not yet: uploads, sources and runs, feedback, rate limits.
 */
public final class SluiceServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SluiceServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Request bodies above this are refused (413). */
    public static final long MAX_BODY_BYTES = 1024 * 1024;

    private final Sluice.Searcher searcher;
    private final Catalog catalog;
    private final Javalin app;

    private SluiceServer(Sluice.Searcher searcher, Catalog catalog, Javalin app) {
        this.searcher = searcher;
        this.catalog = catalog;
        this.app = app;
    }

    /**
     * Limits of the service.
     *
     * @param requestsPerSecond average requests a second per API key (429 with Retry-After above it)
     * @param burst requests a key may make at once before the average applies
     */
    public record Limits(double requestsPerSecond, int burst) {
        public static final Limits DEFAULTS = new Limits(20, 40);
    }

    /** As {@link #start(SluiceConfig, Path, String, int, Limits)} with the default limits. */
    public static SluiceServer start(SluiceConfig config, Path index, String host, int port) {
        return start(config, index, host, port, Limits.DEFAULTS);
    }

    /** One documented route: what {@code /openapi.json} says is exactly what is registered. */
    private record Route(String method, String path, String scope, String summary, io.javalin.http.Handler handler) {}

    /** Opens the index and catalog and serves them on host:port (port 0: any free port). */
    public static SluiceServer start(SluiceConfig config, Path index, String host, int port, Limits limits) {
        Catalog catalog = Catalog.openExisting(index);
        Sluice.Searcher searcher;
        try {
            searcher = Sluice.openSearcher(index, config.retrieval());
        } catch (RuntimeException e) {
            catalog.close();
            throw e;
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        Gauge.builder("sluice.index.chunks", searcher.index(), i -> i.chunkCount())
                .description("chunks in the index searches use")
                .register(registry);
        Gauge.builder("sluice.llm.cost.usd", catalog, c -> c.llmSpendPicoUsd(0, null) / 1e12)
                .description("language model spend recorded in the ledger, all time")
                .register(registry);
        Routes routes = new Routes(searcher, catalog, new KeyRateLimiter(limits.requestsPerSecond(), limits.burst()));
        List<Route> table = new ArrayList<>();
        table.add(new Route("get", "/healthz", null, "Liveness", ctx -> json(ctx, 200, Map.of("status", "ok"))));
        table.add(new Route("get", "/readyz", null, "Readiness: index and catalog open", routes::ready));
        table.add(new Route("get", "/metrics", "admin", "Prometheus metrics", ctx -> {
            Routes.require(ctx, "admin");
            ctx.status(200)
                    .contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(registry.scrape());
        }));
        table.add(new Route(
                "get",
                "/v1/search",
                "query",
                "Search: q, mode (bm25, dense, hybrid), k, source, path, type",
                routes::search));
        table.add(new Route("post", "/v1/ask", "query", "Answer a question with checked citations", routes::ask));
        String[] openApi = new String[1]; // written once the table, this route included, is complete
        table.add(new Route(
                "get",
                "/openapi.json",
                "any",
                "This document",
                ctx -> ctx.status(200).contentType("application/json").result(openApi[0])));
        openApi[0] = openApi(table);
        Javalin app = Javalin.create(c -> {
            c.concurrency.useVirtualThreads = true;
            c.http.maxRequestSize = MAX_BODY_BYTES;
            c.startup.showJavalinBanner = false;
            c.routes.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
            c.routes.after(ctx -> record(registry, ctx));
            for (Route r : table) {
                if (r.scope() != null) {
                    c.routes.before(r.path(), routes::authenticate);
                }
                if (r.method().equals("get")) {
                    c.routes.get(r.path(), r.handler());
                } else {
                    c.routes.post(r.path(), r.handler());
                }
            }
            c.routes.before("/v1/*", routes::authenticate); // an unknown /v1 route: 401 before 404
            c.routes.exception(ApiError.class, (e, ctx) -> {
                if (e.retryAfterSeconds() > 0) {
                    ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
                }
                error(ctx, e.status(), e.code(), e.getMessage());
            });
            c.routes.exception(SluiceException.class, (e, ctx) -> error(ctx, 503, "unavailable", e.getMessage()));
            c.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal", "unexpected failure; the server log has the details");
            });
            c.routes.error(404, "*", ctx -> {
                if (ctx.result() == null || !ctx.result().startsWith("{")) {
                    error(ctx, 404, "not_found", "no route " + ctx.method() + " " + ctx.path());
                }
            });
            c.routes.error(
                    413,
                    "*",
                    ctx -> error(
                            ctx, 413, "too_large", "the request body is larger than " + MAX_BODY_BYTES + " bytes"));
        });
        try {
            app.start(host, port);
        } catch (RuntimeException e) {
            searcher.close();
            catalog.close();
            throw new SluiceException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return new SluiceServer(searcher, catalog, app);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        try (catalog;
                searcher) {
            app.stop(); // finishes requests in flight, then releases the index and catalog
        }
    }

    private static final String STARTED = "sluice.started";

    /** An OpenAPI 3.1 document of the route table. */
    private static String openApi(List<Route> table) {
        Map<String, Object> paths = new LinkedHashMap<>();
        for (Route r : table) {
            Map<String, Object> responses = new LinkedHashMap<>();
            responses.put("200", Map.of("description", "OK"));
            if (r.scope() != null) {
                responses.put("400", Map.of("description", "bad request: {code, message}"));
                responses.put("401", Map.of("description", "no valid API key"));
                responses.put("403", Map.of("description", "the key lacks the scope"));
                responses.put("429", Map.of("description", "over the key's request rate; see Retry-After"));
            }
            Map<String, Object> operation = new LinkedHashMap<>();
            operation.put("summary", r.summary() + (r.scope() == null ? "" : " (scope: " + r.scope() + ")"));
            if (r.scope() != null) {
                operation.put("security", List.of(Map.of("apiKey", List.of())));
            }
            operation.put("responses", responses);
            @SuppressWarnings("unchecked")
            Map<String, Object> item =
                    (Map<String, Object>) paths.computeIfAbsent(r.path(), p -> new LinkedHashMap<>());
            item.put(r.method(), operation);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", "Sluice", "version", "1"));
        doc.put("paths", paths);
        doc.put("components", Map.of("securitySchemes", Map.of("apiKey", Map.of("type", "http", "scheme", "bearer"))));
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings always serialize", e);
        }
    }

    /** One request into the latency histogram, by method, matched route (not the raw path) and status. */
    private static void record(PrometheusMeterRegistry registry, Context ctx) {
        Long started = ctx.attribute(STARTED);
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
                .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private static void json(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a response of maps and records always serializes", e);
        }
    }

    private static void error(Context ctx, int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        json(ctx, status, body);
    }

    /** The handlers, with what they need. */
    private record Routes(Sluice.Searcher searcher, Catalog catalog, KeyRateLimiter limiter) {
        private static final String CALLER = "sluice.caller";

        void ready(Context ctx) {
            json(
                    ctx,
                    200,
                    Map.of(
                            "status",
                            "ready",
                            "model",
                            searcher.index().settings().modelId()));
        }

        void authenticate(Context ctx) {
            if (ctx.attribute(CALLER) != null) {
                return; // two before-handlers matched this path: the key was checked and counted once
            }
            String header = ctx.header("Authorization");
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw new ApiError(401, "unauthenticated", "send an API key: Authorization: Bearer sk_sluice_...");
            }
            ApiKeyRecord key = ApiKeys.authenticate(catalog, header.substring(7).strip());
            if (key == null) {
                throw new ApiError(401, "unauthenticated", "the API key is not valid (unknown or revoked)");
            }
            long waitMillis = limiter.tryAcquire(key.id());
            if (waitMillis > 0) {
                throw new ApiError(
                        429,
                        "rate_limited",
                        "this API key is over its request rate; retry after " + waitMillis + " ms",
                        Math.max(1, (waitMillis + 999) / 1000));
            }
            ctx.attribute(CALLER, key);
        }

        /** The access tokens of the caller: every search and answer is limited to what it may read. */
        private static List<String> tokens(Context ctx) {
            ApiKeyRecord key = ctx.attribute(CALLER);
            return dev.sluice.core.AccessList.callerTokens(key.principal(), key.groups());
        }

        static void require(Context ctx, String scope) {
            ApiKeyRecord key = ctx.attribute(CALLER);
            if (key == null || !key.scopes().contains(scope)) {
                throw new ApiError(403, "forbidden", "this API key lacks the '" + scope + "' scope");
            }
        }

        void search(Context ctx) {
            require(ctx, "query");
            String query = ctx.queryParam("q");
            if (query == null || query.isBlank()) {
                throw ApiError.badRequest("q is required: /v1/search?q=your+question");
            }
            SearchMode mode = mode(ctx.queryParam("mode"));
            int k = integer(ctx.queryParam("k"), "k", 5);
            SearchRequest request;
            try {
                request = new SearchRequest(
                        query,
                        mode,
                        k,
                        new SearchFilters(ctx.queryParams("source"), ctx.queryParam("path"), ctx.queryParams("type"))
                                .forCaller(tokens(ctx)));
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest(e.getMessage());
            }
            json(ctx, 200, JsonViews.search(request, searcher.search(request)));
        }

        void ask(Context ctx) {
            require(ctx, "query");
            JsonNode body;
            try {
                body = JSON.readTree(ctx.body());
            } catch (JsonProcessingException e) {
                throw ApiError.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
            }
            if (body == null || !body.isObject()) {
                throw ApiError.badRequest("the body must be a JSON object such as {\"question\": \"...\"}");
            }
            JsonNode question = body.get("question");
            if (question == null || !question.isTextual() || question.asText().isBlank()) {
                throw ApiError.badRequest("question must be a non-empty string");
            }
            JsonNode kNode = body.get("k");
            if (kNode != null && !kNode.canConvertToInt()) {
                throw ApiError.badRequest("k must be a whole number from 1 to 100, got " + kNode);
            }
            Asker.Options options;
            try {
                options = new Asker.Options(
                        kNode == null ? Asker.Options.DEFAULTS.k() : kNode.asInt(),
                        Asker.Options.DEFAULTS.maxContextTokens(),
                        null,
                        SearchFilters.NONE.forCaller(tokens(ctx)));
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest(e.getMessage());
            }
            json(ctx, 200, JsonViews.answer(searcher.ask(question.asText(), options)));
        }

        private static SearchMode mode(String value) {
            if (value == null) {
                return SearchMode.HYBRID;
            }
            SearchMode m = SearchMode.fromLabel(value);
            if (m != null) {
                return m;
            }
            throw ApiError.badRequest("mode must be bm25, dense or hybrid, got '" + value + "'");
        }

        private static int integer(String value, String name, int fallback) {
            if (value == null) {
                return fallback;
            }
            try {
                return Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw ApiError.badRequest(name + " must be a whole number, got '" + value + "'");
            }
        }
    }
}
