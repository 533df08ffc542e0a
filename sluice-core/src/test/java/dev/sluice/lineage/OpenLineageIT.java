package dev.sluice.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.KnowledgeBase;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.ingest.ContractViolationException;
import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.ingest.RunOptions;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A real knowledge base (Lucene, SQLite, the ONNX model) syncing fixtures with a {@code lineage:} section:
 * a loopback OpenLineage receiver gets START then COMPLETE with the sources, the index and the counts; a run
 * that breaks its contract sends FAIL; the file transport writes one event a line; a receiver that is down
 * or never answers does not fail or slow the sync, and says so once per run in the log.
 */
class OpenLineageIT {
    @TempDir
    Path work;

    private HttpServer receiver;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private ListAppender<ILoggingEvent> logged;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/api/v1/lineage", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                received.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        receiver.start();
        logged = new ListAppender<>();
        logged.start();
        ((Logger) LoggerFactory.getLogger(LineageEmitter.class)).addAppender(logged);
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        ((Logger) LoggerFactory.getLogger(LineageEmitter.class)).detachAppender(logged);
    }

    private KnowledgeBase open(String lineage, String contract) throws Exception {
        Path docs = Files.createDirectories(work.resolve("docs"));
        for (String fixture : List.of("guide.md", "notes.txt")) {
            try (InputStream in = getClass().getResourceAsStream("/docs/" + fixture)) {
                Files.write(docs.resolve(fixture), in.readAllBytes());
            }
        }
        Files.writeString(docs.resolve("blank.txt"), "   \n", StandardCharsets.UTF_8); // quarantined: empty
        Path yaml = work.resolve("sluice.yaml");
        Files.writeString(
                yaml, "sources:\n  - name: handbook\n    path: docs\n" + contract + lineage, StandardCharsets.UTF_8);
        return KnowledgeBase.open(
                EffectiveConfig.resolve(ConfigLoader.load(yaml, name -> null), Flags.NONE),
                java.util.Map.of("LINEAGE_KEY", "s3cret"));
    }

    private String http(int port) {
        return "lineage:\n  transport: http\n  url: http://127.0.0.1:" + port
                + "\n  apiKeyEnv: LINEAGE_KEY\n  timeoutMs: 500\n";
    }

    private static IngestReport sync(KnowledgeBase kb) {
        return kb.sync(kb.configuredRun(RunOptions.DEFAULTS), ProgressListener.NONE);
    }

    @Test
    void should_send_start_then_complete_with_sources_index_and_counts_when_a_sync_runs() throws Exception {
        IngestReport report;
        try (KnowledgeBase kb = open(http(receiver.getAddress().getPort()), "")) {
            report = sync(kb);
        } // closing sends what is queued

        assertThat(received).hasSize(2);
        for (String event : received) {
            assertThat(OpenLineageSchema.errors(event)).as(event).isEmpty();
        }
        JsonNode start = OpenLineageSchema.parse(received.get(0));
        JsonNode complete = OpenLineageSchema.parse(received.get(1));
        assertThat(start.get("eventType").asText()).isEqualTo("START");
        assertThat(complete.get("eventType").asText()).isEqualTo("COMPLETE");
        assertThat(complete.at("/run/runId").asText())
                .isEqualTo(start.at("/run/runId").asText());
        assertThat(complete.at("/job/namespace").asText()).isEqualTo("sluice");
        assertThat(complete.at("/job/name").asText()).isEqualTo(work.getFileName() + ".sync");
        assertThat(complete.at("/run/facets/sluice_settings/catalogRunId").asLong())
                .isEqualTo(report.runId());
        assertThat(complete.get("inputs")).singleElement().satisfies(input -> {
            assertThat(input.get("namespace").asText()).isEqualTo("file");
            assertThat(input.get("name").asText())
                    .isEqualTo(work.resolve("docs").toAbsolutePath().toString());
            assertThat(input.at("/facets/dataSource/name").asText()).isEqualTo("handbook");
        });
        assertThat(complete.at("/outputs/0/name").asText())
                .isEqualTo(work.resolve(".sluice/index").toAbsolutePath().toString());
        assertThat(complete.at("/outputs/0/outputFacets/outputStatistics/rowCount")
                        .asInt())
                .isEqualTo(report.chunks())
                .isPositive();
        JsonNode documents = complete.at("/run/facets/sluice_ingest/documents");
        assertThat(documents.get("seen").asInt()).isEqualTo(3);
        assertThat(documents.get("new").asInt()).isEqualTo(2);
        assertThat(documents.get("changed").asInt()).isZero();
        assertThat(documents.get("quarantined").asInt()).isEqualTo(1);
        assertThat(complete.at("/run/facets/sluice_quarantine/reasons/EMPTY").asInt())
                .isEqualTo(1);
        assertThat(complete.at("/run/facets/sluice_settings/embeddingModel/id").asText())
                .isEqualTo(report.model());
        assertThat(authorizations).containsOnly("Bearer s3cret");
        assertThat(logged.list).isEmpty();
    }

    @Test
    void should_send_fail_with_the_contract_message_when_a_run_breaks_its_contract() throws Exception {
        try (KnowledgeBase kb = open(http(receiver.getAddress().getPort()), "    contract:\n      minDocuments: 5\n")) {
            assertThatThrownBy(() -> sync(kb)).isInstanceOf(ContractViolationException.class);
        }

        assertThat(received).hasSize(2);
        for (String event : received) {
            assertThat(OpenLineageSchema.errors(event)).as(event).isEmpty();
        }
        JsonNode fail = OpenLineageSchema.parse(received.get(1));
        assertThat(fail.get("eventType").asText()).isEqualTo("FAIL");
        assertThat(fail.at("/run/facets/errorMessage/message").asText())
                .startsWith("contract failed: ")
                .contains("minDocuments");
        assertThat(fail.at("/run/facets/errorMessage/programmingLanguage").asText())
                .isEqualTo("Java");
        assertThat(fail.at("/outputs/0/outputFacets").isMissingNode()).isTrue();
    }

    @Test
    void should_append_one_json_event_per_line_when_the_transport_is_file() throws Exception {
        try (KnowledgeBase kb =
                open("lineage:\n  transport: file\n  path: out/lineage.jsonl\n  namespace: acme\n", "")) {
            sync(kb);
            sync(kb); // unchanged: a second run, two more lines
        }

        List<String> lines = Files.readAllLines(work.resolve("out/lineage.jsonl"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(4);
        for (String line : lines) {
            assertThat(OpenLineageSchema.errors(line)).as(line).isEmpty();
        }
        List<JsonNode> events = lines.stream().map(OpenLineageSchema::parse).toList();
        assertThat(events)
                .extracting(e -> e.get("eventType").asText())
                .containsExactly("START", "COMPLETE", "START", "COMPLETE");
        assertThat(events)
                .allSatisfy(e -> assertThat(e.at("/job/namespace").asText()).isEqualTo("acme"));
        assertThat(events.get(0).at("/run/runId").asText())
                .isNotEqualTo(events.get(2).at("/run/runId").asText());
        assertThat(events.get(3)
                        .at("/run/facets/sluice_ingest/documents/unchanged")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void should_finish_the_sync_and_log_once_per_run_when_the_receiver_is_down() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        IngestReport report;
        try (KnowledgeBase kb = open(http(closedPort), "")) {
            report = sync(kb);
        }

        assertThat(report.ingested()).isEqualTo(2);
        assertThat(logged.list)
                .singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage())
                        .contains("was not delivered by the http transport")
                        .contains("the run is not affected"));
    }

    @Test
    void should_not_wait_for_a_receiver_that_never_answers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer silent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        silent.createContext("/api/v1/lineage", exchange -> {
            try {
                release.await(60, TimeUnit.SECONDS); // answers nothing until the sync is over
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        silent.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        silent.start();
        String lineage = http(silent.getAddress().getPort()).replace("timeoutMs: 500", "timeoutMs: 30000");
        try (KnowledgeBase kb = open(lineage, "")) {
            long t0 = System.nanoTime();
            IngestReport report = sync(kb);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertThat(report.ingested()).isEqualTo(2);
            // Waiting for the START event alone would take the 30 s time-out; the sync (model load included) does not.
            assertThat(millis).as("sync beside an unanswering receiver, ms").isLessThan(15_000);
            release.countDown(); // the events now fail fast, so closing does not wait either
        } finally {
            release.countDown();
            silent.stop(0);
        }
    }
}
