package dev.sluice.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.IngestOptions;
import dev.sluice.Sluice;
import dev.sluice.access.ApiKeyRecord;
import dev.sluice.access.ApiKeys;
import dev.sluice.config.SluiceConfig;
import dev.sluice.embed.EmbeddingModelSpec;
import dev.sluice.eval.BeirCorpusSource;
import dev.sluice.extract.ExtractionLimits;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.sqlite.SqliteCatalog;
import dev.sluice.testkit.Fixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP service started in-process on 127.0.0.1 and called over real HTTP: health, the
 * authentication matrix (none, unknown, revoked, wrong scope, right scope), search and ask, and
 * malformed requests, which always get a 4xx with a JSON message, never a 5xx.
 */
class ServeIT {
    private static final Path TINY = Fixtures.tinyBeir();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    static SluiceServer server;
    static HttpClient http;
    static String base;
    static String queryKey;
    static String ingestKey;
    static String revokedKey;
    static String adminKey;

    @BeforeAll
    static void start() {
        Path index = work.resolve("index");
        Sluice.ingest(
                new IngestOptions(
                        List.of(new BeirCorpusSource("tiny", TINY)),
                        index,
                        EmbeddingModelSpec.BGE_SMALL_EN_V15_Q,
                        IngestOptions.DEFAULT_MAX_CHUNK_TOKENS,
                        IngestOptions.DEFAULT_OVERLAP_TOKENS,
                        ExtractionLimits.defaults(),
                        1,
                        2),
                ProgressListener.NONE);
        try (SqliteCatalog catalog = SqliteCatalog.openExisting(index)) {
            long now = System.currentTimeMillis();
            queryKey = ApiKeys.create(catalog, "search-team", List.of("eng"), List.of("query"), now)
                    .key();
            ingestKey = ApiKeys.create(catalog, "loader", List.of(), List.of("ingest"), now)
                    .key();
            adminKey = ApiKeys.create(catalog, "ops", List.of(), List.of("admin"), now)
                    .key();
            ApiKeys.Created revoked = ApiKeys.create(catalog, "gone", List.of(), List.of("query"), now);
            revokedKey = revoked.key();
            assertThat(catalog.revokeApiKey(revoked.record().id(), now)).isTrue();
        }
        // Limits high enough for the concurrent test; the rate limit has a test of its own.
        server = TestServers.start(
                SluiceConfig.defaults(), index, "127.0.0.1", 0, SluiceServer.Limits.DEFAULTS.withRate(1000, 1000));
        base = "http://127.0.0.1:" + server.port();
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        server.close();
        http.close();
    }

    private static HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String key, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Bearer " + key)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(body.get("message").asText())
                .isNotBlank()
                .doesNotContain("Exception")
                .doesNotContain("at dev.");
    }

    @Test
    void should_answer_health_and_readiness_without_a_key() throws Exception {
        assertThat(get("/healthz", null).statusCode()).isEqualTo(200);
        HttpResponse<String> ready = get("/readyz", null);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ready.body()).get("model").asText()).isEqualTo("bge-small-en-v1.5-q");
    }

    @Test
    void should_tell_401_for_a_missing_unknown_or_revoked_key_from_403_for_a_missing_scope() throws Exception {
        assertError(get("/v1/search?q=tides", null), 401, "unauthenticated");
        assertError(get("/v1/search?q=tides", "sk_sluice_0000_notakey"), 401, "unauthenticated");
        assertError(get("/v1/search?q=tides", "not even the format"), 401, "unauthenticated");
        assertError(get("/v1/search?q=tides", revokedKey), 401, "unauthenticated");
        assertError(get("/v1/search?q=tides", ingestKey), 403, "forbidden");
        assertThat(get("/v1/search?q=tides", queryKey).statusCode()).isEqualTo(200);
    }

    @Test
    void should_search_and_ask_with_citations() throws Exception {
        HttpResponse<String> search = get("/v1/search?q=tides&mode=bm25&k=2", queryKey);
        assertThat(search.statusCode()).isEqualTo(200);
        JsonNode results = JSON.readTree(search.body()).get("results");
        assertThat(results.get(0).get("path").asText()).isEqualTo("d4");
        assertThat(results.size()).isLessThanOrEqualTo(2);

        HttpResponse<String> ask = post("/v1/ask", queryKey, "{\"question\": \"what makes bread rise\"}");
        assertThat(ask.statusCode()).as(ask.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(ask.body());
        assertThat(answer.get("kind").asText()).isEqualTo("extractive");
        assertThat(answer.get("citations").get(0).get("path").asText()).isEqualTo("d3");
        assertThat(answer.has("topSimilarity") && answer.has("promptVersion"))
                .as("the same shape as sluice ask --json")
                .isTrue();
        assertThat(JSON.readTree(search.body()).get("k").asInt())
                .as("the same shape as sluice search --json")
                .isEqualTo(2);
    }

    @Test
    void should_answer_malformed_requests_with_a_4xx_and_a_message_never_a_5xx() throws Exception {
        assertError(get("/v1/search", queryKey), 400, "bad_request");
        assertError(get("/v1/search?q=tides&k=abc", queryKey), 400, "bad_request");
        assertError(get("/v1/search?q=tides&k=5000", queryKey), 400, "bad_request");
        assertError(get("/v1/search?q=tides&mode=sparse", queryKey), 400, "bad_request");
        assertError(post("/v1/ask", queryKey, "{\"question\": "), 400, "bad_request");
        assertError(post("/v1/ask", queryKey, "[1, 2]"), 400, "bad_request");
        assertError(post("/v1/ask", queryKey, "{\"question\": 42}"), 400, "bad_request");
        assertError(post("/v1/ask", queryKey, "{\"question\": \"tides\", \"k\": \"many\"}"), 400, "bad_request");
        assertError(
                post("/v1/ask", queryKey, "{\"question\": \"x\", \"pad\": \"" + "y".repeat(2 * 1024 * 1024) + "\"}"),
                413,
                "too_large");
        assertError(get("/nothing/here", null), 404, "not_found");
        assertError(get("/v1/nothing", queryKey), 404, "not_found");
    }

    @Test
    void should_keep_only_a_hash_of_each_key() throws Exception {
        try (SqliteCatalog catalog = SqliteCatalog.openExisting(work.resolve("index"))) {
            ApiKeyRecord record = ApiKeys.authenticate(catalog, queryKey);
            assertThat(record.principal()).isEqualTo("search-team");
            assertThat(record.groups()).containsExactly("eng");
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                        "jdbc:sqlite:" + work.resolve("index").resolve(SqliteCatalog.FILE_NAME));
                java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT * FROM api_keys")) {
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    String value = rs.getString(i);
                    assertThat(value == null ? "" : value)
                            .doesNotContain(queryKey.substring(27))
                            .doesNotContain(ingestKey.substring(27));
                }
            }
        }
        assertThat(ApiKeys.hash(queryKey)).hasSize(64);
    }

    @Test
    void should_expose_prometheus_metrics_to_admin_keys_with_latency_by_route_and_status() throws Exception {
        get("/v1/search?q=tides", queryKey);
        get("/v1/search?q=tides&k=abc", queryKey);
        get("/v1/search?q=cache+me&mode=dense", queryKey);
        get("/v1/search?q=cache+me&mode=dense", queryKey);
        assertError(get("/metrics", null), 401, "unauthenticated");
        assertError(get("/metrics", queryKey), 403, "forbidden");

        HttpResponse<String> metrics = get("/metrics", adminKey);

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(metrics.body())
                .containsPattern("sluice_http_requests_seconds_count\\{[^}]*route=\"/v1/search\"[^}]*status=\"200\"")
                .containsPattern("sluice_http_requests_seconds_count\\{[^}]*route=\"/v1/search\"[^}]*status=\"400\"")
                .contains("sluice_http_requests_seconds_bucket")
                .contains("sluice_index_chunks 10.0")
                .contains("jvm_memory_used_bytes")
                .containsPattern("sluice_query_vectors_total\\{from=\"cache\"} [1-9][0-9]*\\.0")
                .containsPattern("sluice_query_vectors_total\\{from=\"model\"} [1-9][0-9]*\\.0")
                .containsPattern("sluice_cache_hits_total\\{cache=\"query_vectors\"} [1-9][0-9]*\\.0")
                .containsPattern("sluice_cache_misses_total\\{cache=\"query_vectors\"} [1-9][0-9]*\\.0")
                .as("the same key again within 5 s is trusted from memory")
                .containsPattern("sluice_cache_hits_total\\{cache=\"api_keys\"} [1-9][0-9]*\\.0")
                .containsPattern("sluice_cache_misses_total\\{cache=\"api_keys\"} [1-9][0-9]*\\.0")
                .as("no language model configured: no response cache")
                .doesNotContain("cache=\"llm_responses\"");
    }

    @Test
    void should_serve_concurrent_searches_in_every_mode_with_the_same_answers() throws Exception {
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 48; i++) {
            String mode = List.of("bm25", "dense", "hybrid").get(i % 3);
            calls.add(http.sendAsync(
                    HttpRequest.newBuilder(URI.create(base + "/v1/search?q=tides&k=3&mode=" + mode))
                            .header("Authorization", "Bearer " + queryKey)
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (var call : calls) {
            HttpResponse<String> response = call.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(JSON.readTree(response.body())
                            .get("results")
                            .get(0)
                            .get("path")
                            .asText())
                    .isEqualTo("d4");
        }
    }

    @Test
    void should_document_exactly_the_routes_it_serves() throws Exception {
        JsonNode doc = JSON.readTree(get("/openapi.json", null).body());
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        java.util.Set<String> documented = new java.util.TreeSet<>();
        for (var path : doc.get("paths").properties()) {
            for (var method : path.getValue().properties()) {
                documented.add(method.getKey() + " " + path.getKey());
            }
        }
        assertThat(documented)
                .containsExactly(
                        "delete /v1/documents",
                        "get /healthz",
                        "get /metrics",
                        "get /openapi.json",
                        "get /readyz",
                        "get /v1/documents",
                        "get /v1/eval/runs",
                        "get /v1/eval/runs/{id}",
                        "get /v1/feedback",
                        "get /v1/incidents",
                        "get /v1/incidents/{id}",
                        "get /v1/jobs",
                        "get /v1/jobs/{id}",
                        "get /v1/quality",
                        "get /v1/review",
                        "get /v1/review/{id}",
                        "get /v1/runs",
                        "get /v1/runs/{id}",
                        "get /v1/search",
                        "get /v1/sources",
                        "get /v1/status",
                        "get /v1/traces",
                        "get /v1/traces/{id}",
                        "post /mcp",
                        "post /v1/ask",
                        "post /v1/diagnose",
                        "post /v1/documents",
                        "post /v1/feedback",
                        "post /v1/incidents/check",
                        "post /v1/incidents/{id}/ack",
                        "post /v1/review/{id}/resolve",
                        "post /v1/sources/{name}/sync");
        for (String route : documented) {
            String method = route.substring(0, route.indexOf(' '));
            String path =
                    route.substring(route.indexOf(' ') + 1).replace("{id}", "1").replace("{name}", "nosuch");
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + adminKey)
                    .method(method.toUpperCase(java.util.Locale.ROOT), HttpRequest.BodyPublishers.ofString("{}"));
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode())
                    .as("%s: %s", route, response.body())
                    .isLessThan(500);
            assertThat(response.body()).as(route).doesNotContain("no route");
        }
        HttpResponse<String> unknown = get("/v1/nowhere", adminKey);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no route");
    }

    @Test
    void should_continue_a_callers_trace_and_show_it_only_to_that_caller_or_an_admin() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        HttpResponse<String> searched = http.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/search?q=tides&mode=bm25"))
                        .header("Authorization", "Bearer " + queryKey)
                        .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(searched.statusCode()).as(searched.body()).isEqualTo(200);
        assertThat(searched.headers().firstValue("traceparent"))
                .hasValueSatisfying(h -> assertThat(h).matches("00-" + traceId + "-[0-9a-f]{16}-01"));
        assertThat(JSON.readTree(searched.body()).get("traceId").asText()).isEqualTo(traceId);

        HttpResponse<String> own = get("/v1/traces/" + traceId, queryKey);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        List<String> names = new java.util.ArrayList<>();
        JSON.readTree(own.body())
                .get("spans")
                .forEach(s -> names.add(s.get("name").asText()));
        assertThat(names).contains("GET /v1/search", "search", "retrieve.bm25");
        JsonNode root = JSON.readTree(own.body()).get("spans").get(0);
        assertThat(root.get("parentSpanId").asText())
                .as("the caller's span is not ours: the request is the root")
                .isEmpty();
        assertThat(root.get("attributes").get("sluice.remote_parent_span_id").asText())
                .isEqualTo("00f067aa0ba902b7");
        assertThat(get("/v1/traces/" + traceId, adminKey).statusCode()).isEqualTo(200);
        assertThat(get("/v1/traces", queryKey).body()).contains(traceId);

        String other;
        try (SqliteCatalog catalog = SqliteCatalog.openExisting(work.resolve("index"))) {
            other = ApiKeys.create(
                            catalog, "someone-else", List.of("eng"), List.of("query"), System.currentTimeMillis())
                    .key();
        }
        HttpResponse<String> hidden = get("/v1/traces/" + traceId, other);
        assertError(hidden, 404, "not_found");
        assertThat(get("/v1/traces", other).body()).doesNotContain(traceId);
        assertError(get("/v1/traces/not-a-trace-id", queryKey), 404, "not_found");
        assertError(get("/v1/traces/" + traceId, ingestKey), 403, "forbidden");
    }

    @Test
    void should_let_a_configured_scraper_address_read_metrics_without_a_key_and_nobody_else() throws Exception {
        try (SluiceServer open = TestServers.start(
                        SluiceConfig.defaults(),
                        work.resolve("index"),
                        "127.0.0.1",
                        0,
                        SluiceServer.Limits.DEFAULTS.withMetricsScrapers(java.util.Set.of("127.0.0.1")));
                SluiceServer closed = TestServers.start(
                        SluiceConfig.defaults(),
                        work.resolve("index"),
                        "127.0.0.1",
                        0,
                        SluiceServer.Limits.DEFAULTS.withMetricsScrapers(java.util.Set.of("192.0.2.7")))) {
            HttpResponse<String> scraped = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + open.port() + "/metrics"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(scraped.statusCode()).isEqualTo(200);
            assertThat(scraped.body()).contains("sluice_index_chunks");
            HttpResponse<String> search = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + open.port() + "/v1/search?q=tides"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(search.statusCode())
                    .as("only /metrics opens to the scraper")
                    .isEqualTo(401);
            HttpResponse<String> refused = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + closed.port() + "/metrics"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode())
                    .as("another address than the scraper's")
                    .isEqualTo(401);
        }
    }

    @Test
    void should_answer_429_with_retry_after_when_a_key_goes_over_its_rate() throws Exception {
        try (SluiceServer limited = TestServers.start(
                SluiceConfig.defaults(),
                work.resolve("index"),
                "127.0.0.1",
                0,
                SluiceServer.Limits.DEFAULTS.withRate(1, 3))) {
            String url = "http://127.0.0.1:" + limited.port() + "/v1/search?q=tides&mode=bm25";
            List<Integer> statuses = new java.util.ArrayList<>();
            HttpResponse<String> last = null;
            for (int i = 0; i < 6; i++) {
                last = http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer " + queryKey)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                statuses.add(last.statusCode());
            }
            assertThat(statuses.subList(0, 3)).containsOnly(200);
            assertThat(statuses).contains(429);
            assertThat(last.headers().firstValue("Retry-After"))
                    .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 2L));
            assertError(last, 429, "rate_limited");
            assertThat(get("/v1/search?q=tides", ingestKey).statusCode())
                    .as("another key on the other server is not limited by this one")
                    .isEqualTo(403);
        }
    }
}
