package dev.sluice.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.KnowledgeBase;
import dev.sluice.access.ApiKeys;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.config.SluiceConfig;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.ingest.RunOptions;
import dev.sluice.testkit.TopicNotes;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incidents in the running service: its own schedule opens one for a real freshness breach within
 * an interval and sends it to a webhook once, however many checks follow; {@code /v1/incidents}
 * shows it to the keys that run the knowledge base, with evidence limited to what they may read;
 * acknowledging needs an admin key; unknown ids answer 404 in the API's format.
 */
class ServeIncidentsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private HttpServer receiver;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private String startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private static JsonNode call(HttpClient http, String method, String url, String key, int status) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + key)
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + url + ": " + r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    private List<JsonNode> events(String event, String kind) {
        return received.stream()
                .filter(e -> e.get("event").asText().equals(event)
                        && e.get("incident").get("kind").asText().equals(kind))
                .toList();
    }

    @Test
    void should_open_an_incident_for_a_freshness_breach_within_an_interval_and_notify_a_webhook_once()
            throws Exception {
        String hook = startReceiver();
        Path docs = Files.createDirectories(work.resolve("docs"));
        Files.writeString(docs.resolve("canals.md"), "# Canals\n\nA sluice gate controls the flow of water.\n");
        Files.writeString(docs.resolve("rivers.md"), "# Rivers\n\nRivers carry water to the sea.\n");
        Path secret = Files.createDirectories(work.resolve("secret"));
        for (int i = 0; i < 5; i++) {
            Files.write(secret.resolve("broken-" + i + ".pdf"), "%PDF-1.7 garbage".getBytes(StandardCharsets.US_ASCII));
        }
        Path yaml = work.resolve("sluice.yaml");
        Files.writeString(yaml, """
                index: index
                sources:
                  - name: docs
                    path: docs
                    freshness: 3s
                  - name: secret
                    path: secret
                    access: {groups: [hr]}
                incidents:
                  interval: 1s
                  allowPrivateWebhooks: true
                  webhooks:
                    - url: %s
                """.formatted(hook), StandardCharsets.UTF_8);
        SluiceConfig config = ConfigLoader.load(yaml);
        String admin;
        String operator;
        String reader;
        try (KnowledgeBase kb = KnowledgeBase.openOrCreate(EffectiveConfig.resolve(config, Flags.NONE))) {
            kb.sync(kb.configuredRun(RunOptions.DEFAULTS), ProgressListener.NONE);
            long now = System.currentTimeMillis();
            admin = ApiKeys.create(kb.keys(), "ops", List.of("hr"), List.of("query", "admin"), now)
                    .key();
            operator = ApiKeys.create(kb.keys(), "erin", List.of("eng"), List.of("query", "ingest"), now)
                    .key();
            reader = ApiKeys.create(kb.keys(), "rita", List.of("eng"), List.of("query"), now)
                    .key();
        }
        try (SluiceServer server = SluiceServer.start(
                        KnowledgeBase.open(EffectiveConfig.resolve(config, Flags.NONE)), "127.0.0.1", 0);
                HttpClient http = HttpClient.newHttpClient()) {
            String base = "http://127.0.0.1:" + server.port();
            long deadline = System.currentTimeMillis() + 15_000;
            while (events("opened", "freshness").isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(events("opened", "freshness"))
                    .as("a webhook for the breach")
                    .hasSize(1);
            Thread.sleep(3_000); // three more checks and deliveries
            assertThat(events("opened", "freshness")).as("still only one").hasSize(1);
            long id = events("opened", "freshness")
                    .getFirst()
                    .get("incident")
                    .get("id")
                    .asLong();

            JsonNode list =
                    call(http, "GET", base + "/v1/incidents", admin, 200).get("incidents");
            assertThat(list.findValuesAsText("kind")).contains("freshness", "quarantine");
            JsonNode quarantine = call(http, "GET", base + "/v1/incidents?all=true", admin, 200)
                    .get("incidents");
            JsonNode q = null;
            for (JsonNode i : quarantine) {
                if (i.get("kind").asText().equals("quarantine")) {
                    q = i;
                }
            }
            assertThat(q).isNotNull();
            assertThat(q.get("evidence").get("documents")).hasSize(5);
            long quarantineId = q.get("id").asLong();
            JsonNode forOperator = call(http, "GET", base + "/v1/incidents/" + quarantineId, operator, 200);
            assertThat(forOperator.get("evidence").get("documents"))
                    .as("the operator's group may not read the secret source")
                    .isEmpty();
            assertThat(forOperator.get("evidence").get("documentsHidden").asInt())
                    .isEqualTo(5);
            assertThat(forOperator.toString()).doesNotContain("broken-");
            call(http, "GET", base + "/v1/incidents", reader, 403);
            HttpResponse<String> metrics = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/metrics"))
                            .header("Authorization", "Bearer " + admin)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.body())
                    .contains("sluice_incidents_open{kind=\"freshness\"} 1.0")
                    .contains("sluice_incidents_open{kind=\"quarantine\"} 1.0")
                    .contains("sluice_incidents_open{kind=\"budget\"} 0.0");

            assertThat(call(http, "GET", base + "/v1/incidents/424242", admin, 404)
                            .get("code")
                            .asText())
                    .isEqualTo("not_found");
            call(http, "GET", base + "/v1/incidents/abc", admin, 404);
            call(http, "POST", base + "/v1/incidents/" + id + "/ack", operator, 403);
            JsonNode acked = call(http, "POST", base + "/v1/incidents/" + id + "/ack", admin, 200);
            assertThat(acked.get("state").asText()).isEqualTo("acknowledged");
            assertThat(acked.get("acknowledgedNow").asBoolean()).isTrue();
            assertThat(call(http, "POST", base + "/v1/incidents/" + id + "/ack", admin, 200)
                            .get("acknowledgedNow")
                            .asBoolean())
                    .isFalse();

            ApiContract contract = new ApiContract(http.send(
                            HttpRequest.newBuilder(URI.create(base + "/openapi.json"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            for (String[] route : new String[][] {
                {"/v1/incidents", "/v1/incidents?all=true"}, {"/v1/incidents/{id}", "/v1/incidents/" + quarantineId}
            }) {
                for (String key : List.of(admin, operator)) {
                    HttpResponse<String> r = http.send(
                            HttpRequest.newBuilder(URI.create(base + route[1]))
                                    .header("Authorization", "Bearer " + key)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(contract.problems("get", route[0], r))
                            .as("incidents with their evidence, as /openapi.json declares them")
                            .isEmpty();
                }
            }

            call(http, "POST", base + "/v1/sources/docs/sync?wait=true", operator, 200);
            JsonNode check = call(http, "POST", base + "/v1/incidents/check", admin, 200);
            assertThat(check.get("resolved").toString()).contains(String.valueOf(id));
            deadline = System.currentTimeMillis() + 15_000;
            while (events("resolved", "freshness").isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(events("resolved", "freshness"))
                    .singleElement()
                    .satisfies(e ->
                            assertThat(e.get("incident").get("id").asLong()).isEqualTo(id));
        }
    }

    @Test
    void should_open_an_incident_for_an_eval_regression_run_beside_the_service_and_notify_a_webhook_once()
            throws Exception {
        String hook = startReceiver();
        List<String> topics = TopicNotes.TOPICS;
        Path docs = TopicNotes.write(work.resolve("docs"), topics);
        Path yaml = work.resolve("sluice.yaml");
        Files.writeString(yaml, """
                index: index
                sources:
                  - name: docs
                    path: docs
                incidents:
                  interval: 1s
                  allowPrivateWebhooks: true
                  webhooks:
                    - url: %s
                """.formatted(hook), StandardCharsets.UTF_8);
        EffectiveConfig config = EffectiveConfig.resolve(ConfigLoader.load(yaml), Flags.NONE);
        Path set = work.resolve("topics.jsonl");
        try (KnowledgeBase kb = KnowledgeBase.openOrCreate(config)) {
            kb.sync(kb.configuredRun(RunOptions.DEFAULTS), ProgressListener.NONE);
            List<String> lines = new java.util.ArrayList<>();
            kb.documents().forEach((uri, d) -> lines.add(TopicNotes.question(d.path(), uri)));
            Files.write(set, lines, StandardCharsets.UTF_8);
        }
        dev.sluice.Evaluations.RunRequest run = new dev.sluice.Evaluations.RunRequest(
                set,
                null,
                List.of(dev.sluice.retrieve.SearchMode.BM25),
                List.of(dev.sluice.eval.Metric.parse("ndcg@10")),
                10,
                1,
                false,
                null);
        try (SluiceServer server = SluiceServer.start(KnowledgeBase.open(config), "127.0.0.1", 0);
                KnowledgeBase cli = KnowledgeBase.open(config)) { // sluice eval run and sync, from another process
            cli.eval().run(run);
            TopicNotes.spoil(docs, topics.subList(0, 10));
            cli.sync(cli.configuredRun(RunOptions.DEFAULTS), ProgressListener.NONE);
            long ranAt = System.currentTimeMillis();
            cli.eval().run(run);
            long deadline = System.currentTimeMillis() + 15_000;
            while (events("opened", "eval_regression").isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            long tookMillis = System.currentTimeMillis() - ranAt;
            assertThat(events("opened", "eval_regression")).hasSize(1);
            assertThat(tookMillis)
                    .as("within one detector interval and one delivery pass")
                    .isLessThan(1_000 + IncidentSchedule.DELIVERY_MILLIS + 2_000);
            JsonNode incident = events("opened", "eval_regression").getFirst().get("incident");
            assertThat(incident.get("subject").asText()).isEqualTo("topics");
            assertThat(incident.get("evidence").get("failures").get(0).asText()).contains("bm25 ndcg@10 dropped");
            Thread.sleep(3_000);
            assertThat(events("opened", "eval_regression")).as("still only one").hasSize(1);
            assertThat(server.port()).isPositive();
        }
    }
}
