package dev.sluice.serve;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.sluice.IngestOptions;
import dev.sluice.Sluice;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/**
 * Request ids and the access log of a real server on 127.0.0.1, read from what reaches Logback: the
 * MDC and key-value pairs of each event are exactly what a JSON log line shows as fields
 * ({@code dev.sluice.cli.logs.JsonLineEncoder}; {@code ServeLogsIT} in sluice-cli reads the JSON lines
 * of a real {@code sluice serve}).
 */
class AccessLogIT {
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @TempDir
    static Path work;

    static SluiceServer server;
    static HttpClient http;
    static String base;
    static String queryKey;
    static String queryKeyId;
    static final Captured captured = new Captured();
    static final Map<String, Level> levelsBefore = new HashMap<>();

    /** Every event at or above its logger's level, kept with its MDC as it was on the logging thread. */
    static final class Captured extends AppenderBase<ILoggingEvent> {
        final Queue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();

        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            events.add(event);
        }
    }

    @BeforeAll
    static void start() {
        Path index = work.resolve("index");
        Sluice.ingest(
                new IngestOptions(
                        List.of(new BeirCorpusSource("tiny", Fixtures.tinyBeir())),
                        index,
                        EmbeddingModelSpec.BGE_SMALL_EN_V15_Q,
                        IngestOptions.DEFAULT_MAX_CHUNK_TOKENS,
                        IngestOptions.DEFAULT_OVERLAP_TOKENS,
                        ExtractionLimits.defaults(),
                        1,
                        2),
                ProgressListener.NONE);
        try (SqliteCatalog catalog = SqliteCatalog.openExisting(index)) {
            ApiKeys.Created created = ApiKeys.create(
                    catalog, "search-team", List.of("eng"), List.of("query"), System.currentTimeMillis());
            queryKey = created.key();
            queryKeyId = created.record().id();
        }
        server = TestServers.start(SluiceConfig.defaults(), index, "127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
        http = HttpClient.newHttpClient();
        level(AccessLog.LOGGER, Level.INFO);
        level(Http.class.getName(), Level.DEBUG); // says why a request was refused
        captured.setContext((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory());
        captured.start();
        root().addAppender(captured);
    }

    @AfterAll
    static void stop() {
        root().detachAppender(captured);
        levelsBefore.forEach((name, level) -> logger(name).setLevel(level));
        server.close();
        http.close();
    }

    private static Logger root() {
        return logger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private static Logger logger(String name) {
        return (Logger) LoggerFactory.getLogger(name);
    }

    private static void level(String name, Level level) {
        levelsBefore.put(name, logger(name).getLevel());
        logger(name).setLevel(level);
    }

    private static HttpResponse<String> get(String path, String key, String requestId) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (requestId != null) {
            b.header("X-Request-Id", requestId);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The one access line of the request with this id (written after the response; waited for). */
    private static ILoggingEvent accessLine(String requestId) throws InterruptedException {
        return awaitOne(e -> e.getLoggerName().equals(AccessLog.LOGGER)
                && requestId.equals(e.getMDCPropertyMap().get("requestId")));
    }

    private static ILoggingEvent awaitOne(Predicate<ILoggingEvent> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            List<ILoggingEvent> found = captured.events.stream().filter(wanted).toList();
            if (!found.isEmpty() || System.nanoTime() > deadline) {
                assertThat(found).as("matching log events").hasSize(1);
                return found.getFirst();
            }
            Thread.sleep(10);
        }
    }

    private static Map<String, Object> fields(ILoggingEvent event) {
        Map<String, Object> fields = new HashMap<>();
        for (KeyValuePair pair :
                event.getKeyValuePairs() == null ? List.<KeyValuePair>of() : event.getKeyValuePairs()) {
            fields.put(pair.key, pair.value);
        }
        return fields;
    }

    private static String traceId(HttpResponse<String> response) {
        String traceparent = response.headers().firstValue("traceparent").orElseThrow();
        return traceparent.split("-")[1];
    }

    @Test
    void should_echo_the_clients_request_id_and_log_the_request_with_its_trace_status_and_key_id() throws Exception {
        HttpResponse<String> response = get("/v1/search?q=tides&mode=bm25", queryKey, "abc-123");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("abc-123");
        ILoggingEvent line = accessLine("abc-123");
        assertThat(line.getLevel()).isEqualTo(Level.INFO);
        assertThat(line.getMDCPropertyMap()).containsEntry("traceId", traceId(response));
        assertThat(line.getMDCPropertyMap().get("spanId")).matches("[0-9a-f]{16}");
        Map<String, Object> fields = fields(line);
        assertThat(fields)
                .containsEntry("method", "GET")
                .containsEntry("path", "/v1/search")
                .containsEntry("query", "q=tides&mode=bm25")
                .containsEntry("status", 200)
                .containsEntry("client", "127.0.0.1")
                .containsEntry("keyId", queryKeyId)
                .containsEntry("bytes", (long) response.body().getBytes(StandardCharsets.UTF_8).length);
        assertThat((Double) fields.get("durationMs")).isPositive();
        assertThat(line.getFormattedMessage())
                .startsWith("GET /v1/search?q=tides&mode=bm25 200 ")
                .contains(" key " + queryKeyId)
                .contains(" request abc-123")
                .contains(" trace " + traceId(response));
        String secret = queryKey.substring(27);
        for (ILoggingEvent any : new ArrayList<>(captured.events)) {
            assertThat(any.getFormattedMessage() + fields(any) + any.getMDCPropertyMap())
                    .as("no log line holds the key or its secret")
                    .doesNotContain(queryKey)
                    .doesNotContain(secret);
        }
    }

    @Test
    void should_give_a_request_without_a_sane_id_a_new_one_in_the_header_and_the_log() throws Exception {
        HttpResponse<String> none = get("/healthz", null, null);
        HttpResponse<String> insane = get("/healthz", null, "not sane; " + "x".repeat(200));

        for (HttpResponse<String> response : List.of(none, insane)) {
            assertThat(response.statusCode()).isEqualTo(200);
            String id = response.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(id).matches(UUID);
            ILoggingEvent line = accessLine(id);
            assertThat(fields(line)).containsEntry("path", "/healthz").containsEntry("status", 200);
            assertThat(fields(line)).doesNotContainKey("keyId").doesNotContainKey("query");
            assertThat(line.getMDCPropertyMap()).as("health is not traced").doesNotContainKey("traceId");
        }
        assertThat(none.headers().firstValue("X-Request-Id"))
                .isNotEqualTo(insane.headers().firstValue("X-Request-Id"));
    }

    @Test
    void should_log_refused_and_unknown_requests_with_their_status() throws Exception {
        HttpResponse<String> noKey = get("/v1/search?q=tides", null, "no-key-1");
        HttpResponse<String> unknownRoute = get("/v1/no-such-route", queryKey, "unknown-1");
        HttpResponse<String> unknownPage = get("/favicon.ico", null, "unknown-2");

        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(noKey.headers().firstValue("X-Request-Id")).hasValue("no-key-1");
        assertThat(fields(accessLine("no-key-1")))
                .containsEntry("status", 401)
                .containsEntry("path", "/v1/search")
                .doesNotContainKey("keyId");
        assertThat(unknownRoute.statusCode()).isEqualTo(404);
        assertThat(fields(accessLine("unknown-1"))).containsEntry("status", 404).containsEntry("keyId", queryKeyId);
        assertThat(unknownPage.statusCode()).isEqualTo(404);
        assertThat(fields(accessLine("unknown-2"))).containsEntry("status", 404).containsEntry("method", "GET");
    }

    @Test
    void should_carry_the_request_and_trace_ids_on_lines_logged_while_the_request_is_handled() throws Exception {
        HttpResponse<String> response = get("/v1/search?q=tides&k=0", queryKey, "bad-k-1");

        assertThat(response.statusCode()).isEqualTo(400);
        ILoggingEvent refused = awaitOne(e -> e.getLoggerName().equals(Http.class.getName())
                && e.getFormattedMessage().contains("k must be"));
        assertThat(refused.getFormattedMessage()).startsWith("GET /v1/search answered 400 bad_request: ");
        assertThat(refused.getMDCPropertyMap())
                .containsEntry("requestId", "bad-k-1")
                .containsEntry("traceId", traceId(response));
        ILoggingEvent access = accessLine("bad-k-1");
        assertThat(fields(access)).containsEntry("status", 400);
        assertThat(access.getThreadName()).isEqualTo(refused.getThreadName());
    }
}
