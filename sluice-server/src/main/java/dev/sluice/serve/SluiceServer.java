package dev.sluice.serve;

import dev.sluice.KnowledgeBase;
import dev.sluice.core.SluiceException;
import dev.sluice.serve.ui.Dashboard;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sluice serve}: the knowledge base over HTTP (Javalin on Jetty 12, virtual threads).
 * {@code /healthz}, {@code /readyz} and {@code /openapi.json} are open; everything else needs an
 * API key ({@code Authorization: Bearer sk_sluice_...}) with the route's scope: 401 without a valid
 * key, 403 without the scope. Every error is {@code {"code", "message"}} with a 4xx status for a
 * client's mistake; no stack trace leaves the server.
 *
 * <p>Every request has an id ({@code X-Request-Id}, the client's or a new one) that every line logged
 * for it carries, and one line in the access log ({@link AccessLog}).
 *
 * <p>{@code /metrics} (Prometheus text, scope admin) has request latency histograms by route and
 * status, JVM figures, the index's chunk count, ingestion counters, freshness lag per source and the
 * ledger's tokens, cache hits and spend.
 *
 * <p>Document-level access control: every search and every answer's retrieval carries the
 * caller's principal and groups into the index query, so results, snippets and citations only ever
 * come from documents the caller may read, and the ranking of what it may read is unaffected. The
 * other routes that name documents (lineage, runs, feedback, evaluation details, source counts)
 * check the same list, as the catalog records it, before naming one.
 *
 * <p>Ingestion (uploads, deletes, sync triggers) runs as jobs, one at a time, beside the searches;
 * searches see a document's old version until its run commits. The searcher also picks up commits of
 * a {@code sluice sync} run from the command line within a second, and moves to a new index
 * generation (a new embedding model) when one becomes active ({@link LiveSearcher}). Stopping finishes requests in
 * flight and the running job before the index and catalog close.
 */
public final class SluiceServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SluiceServer.class);
    /** JSON request bodies above this are refused (413); uploads have their own cap. */
    public static final long MAX_BODY_BYTES = 1024 * 1024;

    private final KnowledgeBase kb;
    private final IngestJobs jobs;
    private final java.util.concurrent.ScheduledExecutorService refresher;
    private final IncidentSchedule incidents;
    private final Javalin app;
    private final dev.sluice.mcp.McpHttp mcp;

    private SluiceServer(
            KnowledgeBase kb,
            IngestJobs jobs,
            java.util.concurrent.ScheduledExecutorService refresher,
            IncidentSchedule incidents,
            Javalin app,
            dev.sluice.mcp.McpHttp mcp) {
        this.kb = kb;
        this.jobs = jobs;
        this.refresher = refresher;
        this.incidents = incidents;
        this.app = app;
        this.mcp = mcp;
    }

    /**
     * Limits of the service; {@link #DEFAULTS} are the documented ones (docs/service.md, Limits).
     *
     * @param requestsPerSecond average requests a second per API key (429 with Retry-After above it)
     * @param burst requests a key may make at once before the average applies
     * @param maxUploadBytes largest upload request (all its files together); 413 above it
     * @param idleTimeoutMillis a connection that sends or accepts nothing for this long is closed
     *     (slow or stalled clients do not hold the server's resources); a request whose body stalls
     *     this long is answered 408
     * @param headerTimeoutMillis a request's line and headers must all arrive within this long of its
     *     first byte, or the connection is closed (the idle timeout restarts on every byte, so a
     *     client sending a header line every few seconds would never meet it)
     * @param minBodyBytesPerSecond once {@code bodyRateGraceMillis} have passed since the service
     *     started reading a body, the body must have arrived at this average rate or it is cut off
     *     with 408; 0 turns the check off
     * @param bodyRateGraceMillis how long a body may arrive at any rate before the minimum applies
     * @param metricsScrapers addresses that read {@code /metrics} without a key ({@link
     *     #withMetricsScrapers})
     */
    public record Limits(
            double requestsPerSecond,
            int burst,
            long maxUploadBytes,
            long idleTimeoutMillis,
            long headerTimeoutMillis,
            long minBodyBytesPerSecond,
            long bodyRateGraceMillis,
            java.util.Set<String> metricsScrapers) {
        public static final Limits DEFAULTS =
                new Limits(20, 40, 64L * 1024 * 1024, 30_000, 10_000, 1024, 5_000, java.util.Set.of());

        public Limits(double requestsPerSecond, int burst, long maxUploadBytes, long idleTimeoutMillis) {
            this(
                    requestsPerSecond,
                    burst,
                    maxUploadBytes,
                    idleTimeoutMillis,
                    DEFAULTS.headerTimeoutMillis(),
                    DEFAULTS.minBodyBytesPerSecond(),
                    DEFAULTS.bodyRateGraceMillis(),
                    java.util.Set.of());
        }

        public Limits {
            if (!(requestsPerSecond > 0)
                    || burst < 1
                    || maxUploadBytes < 1
                    || idleTimeoutMillis < 1
                    || headerTimeoutMillis < 1) {
                throw new IllegalArgumentException("service limits must be positive");
            }
            if (minBodyBytesPerSecond < 0 || bodyRateGraceMillis < 0) {
                throw new IllegalArgumentException("the minimum body rate and its grace period must be >= 0, got "
                        + minBodyBytesPerSecond + " B/s after " + bodyRateGraceMillis + " ms");
            }
            metricsScrapers = java.util.Set.copyOf(metricsScrapers);
        }

        /**
         * These addresses (IP literals, as the server sees the client) may read {@code /metrics} without
         * an API key: Prometheus scrapers hold no keys.
         */
        public Limits withMetricsScrapers(java.util.Set<String> addresses) {
            return new Limits(
                    requestsPerSecond,
                    burst,
                    maxUploadBytes,
                    idleTimeoutMillis,
                    headerTimeoutMillis,
                    minBodyBytesPerSecond,
                    bodyRateGraceMillis,
                    addresses);
        }

        public Limits withRate(double perSecond, int burstSize) {
            return new Limits(
                    perSecond,
                    burstSize,
                    maxUploadBytes,
                    idleTimeoutMillis,
                    headerTimeoutMillis,
                    minBodyBytesPerSecond,
                    bodyRateGraceMillis,
                    metricsScrapers);
        }

        public Limits withMaxUploadBytes(long bytes) {
            return new Limits(
                    requestsPerSecond,
                    burst,
                    bytes,
                    idleTimeoutMillis,
                    headerTimeoutMillis,
                    minBodyBytesPerSecond,
                    bodyRateGraceMillis,
                    metricsScrapers);
        }

        public Limits withIdleTimeoutMillis(long millis) {
            return new Limits(
                    requestsPerSecond,
                    burst,
                    maxUploadBytes,
                    millis,
                    headerTimeoutMillis,
                    minBodyBytesPerSecond,
                    bodyRateGraceMillis,
                    metricsScrapers);
        }

        public Limits withHeaderTimeoutMillis(long millis) {
            return new Limits(
                    requestsPerSecond,
                    burst,
                    maxUploadBytes,
                    idleTimeoutMillis,
                    millis,
                    minBodyBytesPerSecond,
                    bodyRateGraceMillis,
                    metricsScrapers);
        }

        /** Bodies must average {@code bytesPerSecond} once {@code graceMillis} have passed; 0 turns it off. */
        public Limits withMinBodyRate(long bytesPerSecond, long graceMillis) {
            return new Limits(
                    requestsPerSecond,
                    burst,
                    maxUploadBytes,
                    idleTimeoutMillis,
                    headerTimeoutMillis,
                    bytesPerSecond,
                    graceMillis,
                    metricsScrapers);
        }
    }

    /** As {@link #start(KnowledgeBase, String, int, Limits)} with the default limits. */
    public static SluiceServer start(KnowledgeBase kb, String host, int port) {
        return start(kb, host, port, Limits.DEFAULTS);
    }

    /**
     * One route: what {@code /openapi.json} says ({@link ApiOperation}) is exactly what is registered,
     * and what its handler is held to.
     */
    record Route(String method, String path, String scope, ApiOperation api, io.javalin.http.Handler handler) {
        /** A route that is not REST (a protocol in its body, such as MCP): listed free-form. */
        Route(String method, String path, String scope, String summary, io.javalin.http.Handler handler) {
            this(method, path, scope, ApiOperation.freeForm(method + path.replaceAll("\\W", "_"), summary), handler);
        }
    }

    /**
     * Serves the knowledge base on host:port (port 0: any free port). The server owns {@code kb} from
     * here on: it closes it when it stops, or when it cannot start.
     */
    public static SluiceServer start(KnowledgeBase kb, String host, int port, Limits limits) {
        List<AutoCloseable> opened = new ArrayList<>();
        opened.add(kb);
        try {
            return start(kb, host, port, limits, opened);
        } catch (RuntimeException e) {
            java.util.Collections.reverse(opened);
            for (AutoCloseable c : opened) {
                try {
                    c.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private static SluiceServer start(
            KnowledgeBase kb, String host, int port, Limits limits, List<AutoCloseable> opened) {
        kb.catalog(); // fails now, with its message, when the folder holds no knowledge base
        kb.searcher();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ServiceMetrics.bind(registry, kb);
        IngestJobs jobs = new IngestJobs(kb, report -> {
            kb.refresh();
            ServiceMetrics.countRun(registry, report);
            ServiceMetrics.sourceGauges(registry, kb.catalog());
        });
        opened.add(jobs);
        kb.answerer(); // a bad llm section or prompt fails at start, not at the first question
        java.util.concurrent.ScheduledExecutorService refresher =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "sluice-index-refresh");
                    t.setDaemon(true);
                    return t;
                });
        opened.add(refresher::shutdownNow);
        refresher.scheduleWithFixedDelay(
                () -> {
                    try {
                        kb.refresh(); // commits of another process (sluice sync) become visible
                    } catch (RuntimeException e) {
                        LOG.warn("cannot refresh the index searcher: {}", e.getMessage());
                    }
                },
                1,
                1,
                java.util.concurrent.TimeUnit.SECONDS);
        IncidentSchedule incidentSchedule = IncidentSchedule.start(kb);
        opened.add(incidentSchedule);
        Auth auth = new Auth(kb.keys(), new KeyRateLimiter(limits.requestsPerSecond(), limits.burst()));
        ServiceMetrics.bindCaches(registry, kb, auth);
        if (kb.config().llm().isPresent()) {
            ServiceMetrics.bindLlm(registry, kb.gateway());
        }
        QueryRoutes query = new QueryRoutes(kb);
        DocumentRoutes documents = new DocumentRoutes(kb, jobs);
        OpsRoutes ops = new OpsRoutes(kb, jobs);
        List<Route> table = new ArrayList<>();
        table.add(
                new Route("get", "/healthz", null, OpsApi.HEALTHZ, ctx -> Http.json(ctx, 200, Map.of("status", "ok"))));
        table.add(new Route(
                "get",
                "/readyz",
                null,
                OpsApi.READYZ,
                ctx -> Http.json(
                        ctx,
                        200,
                        Map.of(
                                "status",
                                "ready",
                                "model",
                                kb.searcher().index().settings().modelId()))));
        table.add(new Route("get", "/metrics", "admin", OpsApi.METRICS, ctx -> {
            if (!scraper(limits, ctx)) {
                Caller.requiring(ctx, "admin");
            }
            ctx.status(200)
                    .contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(registry.scrape());
        }));
        table.add(new Route("get", "/v1/search", "query", QueryApi.SEARCH, query::search));
        table.add(new Route("post", "/v1/ask", "query", QueryApi.ASK, query::ask));
        table.add(new Route("post", "/v1/feedback", "query", QueryApi.FEEDBACK, query::feedback));
        table.add(new Route("get", "/v1/feedback", "admin", QueryApi.FEEDBACK_LIST, query::feedbackList));
        table.add(new Route("post", "/v1/diagnose", "query", QueryApi.DIAGNOSE, new DiagnoseRoutes(kb)::diagnose));
        table.add(new Route("get", "/v1/documents", "query", DocumentApi.LIST, documents::list));
        table.add(new Route("post", "/v1/documents", "ingest", DocumentApi.UPLOAD, documents::upload));
        table.add(new Route("delete", "/v1/documents", "ingest", DocumentApi.DELETE, documents::delete));
        table.add(new Route("get", "/v1/traces", "query", OpsApi.TRACES, ops::traces));
        table.add(new Route("get", "/v1/traces/{id}", "query", OpsApi.TRACE, ops::trace));
        table.add(new Route("get", "/v1/sources", "query", OpsApi.SOURCES, ops::sources));
        table.add(new Route("post", "/v1/sources/{name}/sync", "ingest", OpsApi.SYNC, ops::sync));
        table.add(new Route("get", "/v1/status", "query", OpsApi.STATUS, ops::status));
        table.add(new Route("get", "/v1/jobs", "ingest", OpsApi.JOBS, ops::jobs));
        table.add(new Route("get", "/v1/jobs/{id}", "ingest", OpsApi.JOB, ops::job));
        table.add(new Route("get", "/v1/runs", "ingest", OpsApi.RUNS, ops::runs));
        table.add(new Route("get", "/v1/runs/{id}", "ingest", OpsApi.RUN, ops::run));
        table.add(new Route("get", "/v1/eval/runs", "admin", OpsApi.EVAL_RUNS, ops::evalRuns));
        table.add(new Route("get", "/v1/eval/runs/{id}", "admin", OpsApi.EVAL_RUN, ops::evalRun));
        table.add(new Route("get", "/v1/quality", "ingest", WatchApi.QUALITY, new QualityRoutes(kb)::report));
        IncidentRoutes incidents = new IncidentRoutes(kb);
        table.add(new Route("get", "/v1/incidents", "ingest", WatchApi.INCIDENTS, incidents::list));
        table.add(new Route("get", "/v1/incidents/{id}", "ingest", WatchApi.INCIDENT, incidents::show));
        table.add(new Route("post", "/v1/incidents/{id}/ack", "admin", WatchApi.ACKNOWLEDGE, incidents::acknowledge));
        table.add(new Route("post", "/v1/incidents/check", "admin", WatchApi.CHECK, incidents::check));
        ReviewRoutes review = new ReviewRoutes(kb);
        table.add(new Route("get", "/v1/review", "query", WatchApi.REVIEW, review::list));
        table.add(new Route("get", "/v1/review/{id}", "query", WatchApi.REVIEW_ITEM, review::show));
        table.add(new Route("post", "/v1/review/{id}/resolve", "admin", WatchApi.RESOLVE, review::resolve));
        dev.sluice.mcp.McpHttp mcp = dev.sluice.mcp.McpHttp.create(kb, "/mcp", (int) MAX_BODY_BYTES);
        table.add(new Route(
                "post",
                "/mcp",
                "query",
                "Model Context Protocol (streamable HTTP, stateless): tools search, ask, get_document, status",
                ctx -> mcp.handle(
                        ctx.req(),
                        ctx.res(),
                        dev.sluice.mcp.McpCaller.of(
                                Caller.requiring(ctx, "query").key()))));
        String[] openApi = new String[1]; // written once the table, this route included, is complete
        table.add(new Route(
                "get",
                "/openapi.json",
                null,
                OpsApi.OPENAPI,
                ctx -> ctx.status(200).contentType("application/json").result(openApi[0])));
        openApi[0] = OpenApi.document(table);
        Javalin app = Javalin.create(c -> {
            c.concurrency.useVirtualThreads = true;
            c.http.maxRequestSize = MAX_BODY_BYTES;
            c.http.prefer405over404 = true; // a known path with another method: 405 with Allow
            c.jetty.multipartConfig.maxFileSize(limits.maxUploadBytes(), io.javalin.config.SizeUnit.BYTES);
            c.jetty.multipartConfig.maxTotalRequestSize(limits.maxUploadBytes(), io.javalin.config.SizeUnit.BYTES);
            JettyLimits.apply(c, host, port, limits);
            c.startup.showJavalinBanner = false;
            c.routes.before(AccessLog::begin); // first: the request id is in the MDC for everything after
            c.requestLogger.http(AccessLog::write);
            c.routes.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
            c.routes.before(Http::checkEncodings);
            c.routes.after(ctx -> ServiceMetrics.record(registry, ctx, STARTED));
            c.routes.after(Http::drainBody);
            for (Route r : table) {
                if (r.path().equals("/metrics") && !limits.metricsScrapers().isEmpty()) {
                    // A configured scraper's address reads the metrics without a key; anyone else needs admin.
                    c.routes.before(r.path(), ctx -> {
                        if (!scraper(limits, ctx)) {
                            auth.authenticate(ctx);
                        }
                    });
                } else if (r.scope() != null) {
                    c.routes.before(r.path(), auth::authenticate);
                }
                io.javalin.http.Handler handler = RequestTracing.traced(
                        kb, r.method(), r.path(), r.api().checking(r.method(), r.path(), r.handler()));
                switch (r.method()) {
                    case "get" -> c.routes.get(r.path(), handler);
                    case "post" -> c.routes.post(r.path(), handler);
                    case "delete" -> c.routes.delete(r.path(), handler);
                    default -> throw new IllegalStateException("no such method in the route table: " + r.method());
                }
            }
            c.routes.before("/v1/*", auth::authenticate); // an unknown /v1 route: 401 before 404
            Dashboard.register(c.routes, kb, Auth.CACHE_MILLIS); // /ui/: sessions of its own, not in /openapi.json
            ErrorResponses.register(c.routes, limits);
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            throw new SluiceException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return new SluiceServer(kb, jobs, refresher, incidentSchedule, app, mcp);
    }

    /** Whether the request comes from an address allowed to read {@code /metrics} without a key. */
    private static boolean scraper(Limits limits, io.javalin.http.Context ctx) {
        if (limits.metricsScrapers().isEmpty()) {
            return false;
        }
        String ip = ctx.ip();
        if (ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
        }
        try {
            String from = java.net.InetAddress.ofLiteral(ip).getHostAddress();
            for (String allowed : limits.metricsScrapers()) {
                if (java.net.InetAddress.ofLiteral(allowed).getHostAddress().equals(from)) {
                    return true;
                }
            }
        } catch (IllegalArgumentException notAnAddress) {
            // not an IP literal: never a configured scraper
        }
        return false;
    }

    public int port() {
        return app.port();
    }

    /** The Javalin application, for the test that holds {@code /openapi.json} to what it registered. */
    Javalin app() {
        return app;
    }

    /**
     * Stops accepting requests, lets those in flight finish (up to 30 s), lets the running ingest job
     * finish and commit, then closes the index and catalog.
     */
    @Override
    public void close() {
        try (kb) {
            app.stop();
            mcp.close();
            jobs.close();
            refresher.shutdownNow();
            incidents.close();
        } catch (Exception e) {
            throw new SluiceException("stopping the service failed: " + e.getMessage(), e);
        }
    }

    private static final String STARTED = "sluice.started";
}
