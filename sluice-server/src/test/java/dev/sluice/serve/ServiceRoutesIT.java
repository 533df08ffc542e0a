package dev.sluice.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.access.ApiKeys;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.SluiceConfig;
import dev.sluice.eval.EvalQueryResult;
import dev.sluice.eval.EvalRunRecord;
import dev.sluice.sqlite.SqliteCatalog;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's document, source, job, run, evaluation, feedback and status routes, over real HTTP,
 * with two tenants: whatever route a caller takes, it learns nothing of the other tenant's
 * documents. Uploads are sanitized and ingested by jobs; deletes only touch uploads.
 */
class ServiceRoutesIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private SluiceConfig config;
    private Path index;
    private String hrKey; // harriet, group hr: query, ingest, admin
    private String engKey; // erin, group eng: query, ingest, admin
    private String readerKey; // erin's colleague: query only

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(work.resolve("hr"));
        Files.writeString(
                work.resolve("hr/salaries.md"),
                "# Salaries\n\nThe zanzibar payroll bands for 2027 are confidential: band four starts at ninety"
                        + " thousand.\n");
        Files.createDirectories(work.resolve("eng"));
        Files.writeString(
                work.resolve("eng/deploy.md"),
                "# Deploy\n\nThe kubernetes deploy runbook: roll out with canaries, then watch the dashboards.\n");
        Files.writeString(work.resolve("sluice.yaml"), """
                index: index
                sources:
                  - name: hr
                    path: hr
                    access: {groups: [hr]}
                  - name: eng
                    path: eng
                    access: {groups: [eng]}
                """);
        config = ConfigLoader.load(work.resolve("sluice.yaml"));
        index = config.index();
        Files.createDirectories(index);
        try (SqliteCatalog catalog = SqliteCatalog.open(index.resolve(SqliteCatalog.FILE_NAME))) {
            long now = System.currentTimeMillis();
            List<String> all = List.of("query", "ingest", "admin");
            hrKey = ApiKeys.create(catalog, "harriet", List.of("hr"), all, now).key();
            engKey = ApiKeys.create(catalog, "erin", List.of("eng"), all, now).key();
            readerKey = ApiKeys.create(catalog, "ed", List.of("eng"), List.of("query"), now)
                    .key();
        }
    }

    private SluiceServer start() {
        return TestServers.start(config, index, "127.0.0.1", 0, SluiceServer.Limits.DEFAULTS.withRate(1000, 1000));
    }

    private record Reply(int status, JsonNode json, String body) {}

    private static Reply send(HttpClient http, HttpRequest.Builder request, String key) throws Exception {
        HttpResponse<String> r = http.send(
                request.header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = r.body().startsWith("{") ? JSON.readTree(r.body()) : null;
        return new Reply(r.statusCode(), json, r.body());
    }

    private static HttpRequest.Builder get(String url) {
        return HttpRequest.newBuilder(URI.create(url));
    }

    private static HttpRequest.Builder post(String url, Object body) throws Exception {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    /** A multipart/form-data request: files (name to content) as parts named 'files', plus form fields. */
    private static HttpRequest.Builder upload(String url, Map<String, String> files, Map<String, String> fields) {
        String boundary = "sluice-test-boundary-7d1f";
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append("--")
                .append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"")
                .append(name)
                .append("\"\r\n\r\n")
                .append(value)
                .append("\r\n"));
        files.forEach((name, content) -> body.append("--")
                .append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"files\"; filename=\"")
                .append(name)
                .append("\"\r\nContent-Type: text/markdown\r\n\r\n")
                .append(content)
                .append("\r\n"));
        body.append("--").append(boundary).append("--\r\n");
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    @Test
    void should_sync_sources_on_request_and_show_each_tenant_only_its_own_documents_on_every_route() throws Exception {
        try (SluiceServer server = start();
                HttpClient http = HttpClient.newHttpClient()) {
            String base = "http://127.0.0.1:" + server.port();

            Reply sync = send(http, post(base + "/v1/sources/*/sync?wait=true", Map.of()), hrKey);
            assertThat(sync.status()).as(sync.body()).isEqualTo(200);
            assertThat(sync.json().at("/job/state").asText()).isEqualTo("done");
            assertThat(sync.json().at("/job/report/ingested").asInt()).isEqualTo(2);
            long runId = sync.json().at("/job/report/runId").asLong();
            assertThat(send(http, post(base + "/v1/sources/nosuch/sync", Map.of()), hrKey)
                            .status())
                    .isEqualTo(404);
            assertThat(send(http, post(base + "/v1/sources/hr/sync", Map.of()), readerKey)
                            .status())
                    .as("syncing needs the ingest scope")
                    .isEqualTo(403);

            // ingestion and freshness in the metrics
            HttpResponse<String> metrics = http.send(
                    get(base + "/metrics")
                            .header("Authorization", "Bearer " + hrKey)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.body())
                    .contains("sluice_ingest_documents_total{outcome=\"ingested\"} 2.0")
                    .contains("sluice_ingest_runs_total 1.0")
                    .containsPattern("sluice_ingest_stage_seconds_total\\{stage=\"embed\"\\} [0-9.]+")
                    .containsPattern("sluice_source_freshness_lag_seconds\\{source=\"hr\"} [0-9.]+")
                    .contains("sluice_llm_tokens_total{direction=\"input\"} 0.0");

            // search sees the new commit at once, through the caller's access list
            Reply hrSearch = send(http, get(base + "/v1/search?mode=bm25&q=" + q("zanzibar payroll")), hrKey);
            assertThat(texts(hrSearch.json().get("results"), "source")).contains("hr");
            Reply engSearch = send(http, get(base + "/v1/search?mode=bm25&q=" + q("zanzibar payroll")), engKey);
            assertThat(texts(engSearch.json().get("results"), "source")).doesNotContain("hr");

            // documents and lineage
            String salaries = work.resolve("hr/salaries.md").toUri().toString();
            Reply hrDocs = send(http, get(base + "/v1/documents"), hrKey);
            assertThat(texts(hrDocs.json().get("documents"), "uri")).containsExactly(salaries);
            Reply engDocs = send(http, get(base + "/v1/documents"), engKey);
            assertThat(texts(engDocs.json().get("documents"), "uri")).doesNotContain(salaries);
            assertThat(engDocs.json().get("total").asInt()).isEqualTo(1);
            Reply lineage = send(http, get(base + "/v1/documents?uri=" + q(salaries)), hrKey);
            assertThat(lineage.status()).isEqualTo(200);
            assertThat(lineage.json().get("chunks")).isNotEmpty();
            assertThat(lineage.json().at("/run/id").asLong()).isEqualTo(runId);
            Reply hidden = send(http, get(base + "/v1/documents?uri=" + q(salaries)), engKey);
            Reply missing = send(http, get(base + "/v1/documents?uri=" + q("file:///nowhere.md")), engKey);
            assertThat(hidden.status()).isEqualTo(404);
            assertThat(hidden.json().get("message").asText())
                    .as("a hidden document reads exactly as a missing one")
                    .isEqualTo(missing.json().get("message").asText().replace("file:///nowhere.md", salaries));

            // runs: the run's documents are filtered; run-level counts are for ingest keys
            Reply hrRun = send(http, get(base + "/v1/runs/" + runId), hrKey);
            assertThat(texts(hrRun.json().get("documents"), "uri")).contains(salaries);
            Reply engRun = send(http, get(base + "/v1/runs/" + runId), engKey);
            assertThat(texts(engRun.json().get("documents"), "uri")).doesNotContain(salaries);
            assertThat(send(http, get(base + "/v1/runs"), readerKey).status()).isEqualTo(403);
            assertThat(send(http, get(base + "/v1/runs/abc"), engKey).status()).isEqualTo(400);
            assertThat(send(http, get(base + "/v1/runs/999"), engKey).status()).isEqualTo(404);

            // sources and status count only what the caller may read
            Reply engSources = send(http, get(base + "/v1/sources"), engKey);
            for (JsonNode s : engSources.json().get("sources")) {
                if (s.get("name").asText().equals("hr")) {
                    assertThat(s.get("documents").asInt()).isZero();
                    assertThat(s.get("chunks").asInt()).isZero();
                }
            }
            Reply status = send(http, get(base + "/v1/status"), readerKey);
            assertThat(status.status()).isEqualTo(200);
            assertThat(status.json().get("lastRun").has("counts")).isTrue();
            assertThat(status.json().get("sources").get(0).has("lastError"))
                    .as("errors may name paths: not for query-only keys")
                    .isFalse();

            // jobs belong to the key that asked (admins see all)
            long jobId = sync.json().at("/job/id").asLong();
            assertThat(send(http, get(base + "/v1/jobs/" + jobId), hrKey).status())
                    .isEqualTo(200);
            assertThat(send(http, get(base + "/v1/jobs/" + jobId), readerKey).status())
                    .isEqualTo(403);

            // evaluation details list only documents the caller may read
            try (SqliteCatalog catalog = SqliteCatalog.openExisting(index)) {
                catalog.saveEvalRun(
                        new EvalRunRecord(
                                0, "set", "f", 1, 2, List.of("bm25"), List.of("ndcg@10"), 1, "m", Map.of(), Map.of()),
                        List.of(new EvalQueryResult(
                                "bm25",
                                "q1",
                                Map.of("ndcg@10", 1.0),
                                Map.of("salaries.md", 1),
                                List.of("salaries.md", "deploy.md"))));
            }
            Reply evalRuns = send(http, get(base + "/v1/eval/runs"), engKey);
            long evalId = evalRuns.json().get("runs").get(0).get("id").asLong();
            Reply engEval = send(http, get(base + "/v1/eval/runs/" + evalId), engKey);
            assertThat(engEval.json().at("/results/0/topDocuments").toString()).isEqualTo("[\"deploy.md\"]");
            Reply hrEval = send(http, get(base + "/v1/eval/runs/" + evalId), hrKey);
            assertThat(hrEval.json().at("/results/0/topDocuments").toString()).isEqualTo("[\"salaries.md\"]");
            assertThat(send(http, get(base + "/v1/eval/runs"), readerKey).status())
                    .isEqualTo(403);

            // feedback: on one's own answers only; listed only to those who may read its documents
            Reply answer = send(
                    http, post(base + "/v1/ask", Map.of("question", "what are the zanzibar payroll bands")), hrKey);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            String answerId = answer.json().get("id").asText();
            assertThat(answerId).startsWith("ans_");
            Reply stolen =
                    send(http, post(base + "/v1/feedback", Map.of("answerId", answerId, "rating", "down")), engKey);
            assertThat(stolen.status()).isEqualTo(404);
            Reply given = send(
                    http,
                    post(
                            base + "/v1/feedback",
                            Map.of("answerId", answerId, "rating", "up", "comment", "exactly right")),
                    hrKey);
            assertThat(given.status()).as(given.body()).isEqualTo(201);
            assertThat(send(http, post(base + "/v1/feedback", Map.of("answerId", answerId, "rating", "meh")), hrKey)
                            .status())
                    .isEqualTo(400);
            Reply hrFeedback = send(http, get(base + "/v1/feedback"), hrKey);
            assertThat(texts(hrFeedback.json().get("feedback"), "comment")).containsExactly("exactly right");
            Reply engFeedback = send(http, get(base + "/v1/feedback"), engKey);
            assertThat(engFeedback.json().get("feedback")).isEmpty();
            assertThat(engFeedback.body()).doesNotContain("zanzibar");
        }
    }

    @Test
    void should_sanitize_upload_names_ingest_uploads_for_their_readers_and_delete_them() throws Exception {
        try (SluiceServer server = start();
                HttpClient http = HttpClient.newHttpClient()) {
            String base = "http://127.0.0.1:" + server.port();
            Reply up = send(
                    http,
                    upload(
                            base + "/v1/documents?wait=true",
                            Map.of(
                                    "../../../etc/evil plan.md",
                                    "# Plan\n\nThe quixotic merger codename is bluebird.\n"),
                            Map.of()),
                    hrKey);
            assertThat(up.status()).as(up.body()).isEqualTo(200);
            assertThat(up.json().at("/job/state").asText()).isEqualTo("done");
            assertThat(up.json().at("/job/report/ingested").asInt()).isEqualTo(1);
            String uri = up.json().at("/documents/0/uri").asText();
            Path stored = Path.of(URI.create(uri));
            assertThat(stored.getFileName().toString()).isEqualTo("evil plan.md");
            assertThat(stored.normalize())
                    .startsWith(index.resolve("uploads").resolve("harriet").toAbsolutePath());
            assertThat(work.resolve("etc")).doesNotExist();
            assertThat(up.json().at("/access/principals").toString()).isEqualTo("[\"harriet\"]");
            assertThat(up.json().at("/access/groups").toString()).isEqualTo("[\"hr\"]");

            String search = base + "/v1/search?mode=bm25&q=" + q("quixotic merger bluebird");
            assertThat(texts(send(http, get(search), hrKey).json().get("results"), "uri"))
                    .contains(uri);
            assertThat(texts(send(http, get(search), engKey).json().get("results"), "uri"))
                    .doesNotContain(uri);

            // an upload readable by another group, given at upload
            Reply shared = send(
                    http,
                    upload(
                            base + "/v1/documents?wait=true",
                            Map.of("rollout.md", "# Rollout\n\nThe quixotic rollout starts monday.\n"),
                            Map.of("groups", "eng")),
                    hrKey);
            assertThat(shared.status()).as(shared.body()).isEqualTo(200);
            assertThat(texts(send(http, get(search), engKey).json().get("results"), "path"))
                    .containsExactly("harriet/rollout.md");
            assertThat(shared.json().at("/access/principals").toString())
                    .as("the uploader stays a reader of what it shares")
                    .isEqualTo("[\"harriet\"]");
            JsonNode uploads = null;
            for (JsonNode source :
                    send(http, get(base + "/v1/sources"), hrKey).json().get("sources")) {
                if (source.get("name").asText().equals("uploads")) {
                    uploads = source;
                }
            }
            assertThat(uploads).as("the uploads are a source").isNotNull();
            assertThat(uploads.get("configured").asBoolean()).isTrue();
            assertThat(uploads.get("documents").asInt()).isEqualTo(2);

            // bad uploads: 4xx with a reason, nothing stored
            for (String name : List.of("..", "../", "/", "x.md.access.json")) {
                Reply bad = send(http, upload(base + "/v1/documents", Map.of(name, "text"), Map.of()), hrKey);
                assertThat(bad.status()).as(name + ": " + bad.body()).isEqualTo(400);
            }
            Reply notMultipart = send(http, post(base + "/v1/documents", Map.of("file", "x")), hrKey);
            assertThat(notMultipart.status()).isEqualTo(400);
            Reply noFiles = send(http, upload(base + "/v1/documents", Map.of(), Map.of("groups", "x")), hrKey);
            assertThat(noFiles.status()).isEqualTo(400);
            assertThat(send(http, upload(base + "/v1/documents", Map.of("a.md", "x"), Map.of()), readerKey)
                            .status())
                    .isEqualTo(403);

            // deletes: only what the caller may read, only uploads
            String encoded = q(uri);
            assertThat(send(
                                    http,
                                    HttpRequest.newBuilder(URI.create(base + "/v1/documents?uri=" + encoded))
                                            .DELETE(),
                                    engKey)
                            .status())
                    .as("another tenant's upload reads as missing")
                    .isEqualTo(404);
            String configured = q(work.resolve("eng/deploy.md").toUri().toString());
            send(http, post(base + "/v1/sources/eng/sync?wait=true", Map.of()), engKey);
            assertThat(send(
                                    http,
                                    HttpRequest.newBuilder(URI.create(base + "/v1/documents?uri=" + configured))
                                            .DELETE(),
                                    engKey)
                            .status())
                    .as("a configured source's file is not the service's to delete")
                    .isEqualTo(409);
            Reply deleted = send(
                    http,
                    HttpRequest.newBuilder(URI.create(base + "/v1/documents?wait=true&uri=" + encoded))
                            .DELETE(),
                    hrKey);
            assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
            assertThat(deleted.json().at("/job/report/deleted").asInt()).isEqualTo(1);
            assertThat(stored).doesNotExist();
            assertThat(texts(send(http, get(search), hrKey).json().get("results"), "uri"))
                    .doesNotContain(uri);
        }
    }

    @Test
    void should_stream_an_answer_as_server_sent_events_ending_with_the_checked_answer() throws Exception {
        try (SluiceServer server = start();
                HttpClient http = HttpClient.newHttpClient()) {
            String base = "http://127.0.0.1:" + server.port();
            send(http, post(base + "/v1/sources/*/sync?wait=true", Map.of()), hrKey);
            HttpResponse<String> r = http.send(
                    post(base + "/v1/ask", Map.of("question", "what are the zanzibar payroll bands", "stream", true))
                            .header("Authorization", "Bearer " + hrKey)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            List<String> events = new ArrayList<>();
            JsonNode answer = null;
            for (String block : r.body().split("\n\n")) {
                String event = block.lines()
                        .filter(l -> l.startsWith("event: "))
                        .findFirst()
                        .orElseThrow()
                        .substring(7);
                String data = block.lines()
                        .filter(l -> l.startsWith("data: "))
                        .findFirst()
                        .orElseThrow()
                        .substring(6);
                events.add(event);
                if (event.equals("answer")) {
                    answer = JSON.readTree(data);
                }
            }
            assertThat(events).containsExactly("answer", "done"); // extractive: no model text to stream
            assertThat(answer.get("kind").asText()).isEqualTo("extractive");
            assertThat(answer.get("grounded").asBoolean()).isTrue();
            assertThat(answer.get("id").asText()).startsWith("ans_");

            Reply badStream = send(http, post(base + "/v1/ask", Map.of("question", "x", "stream", "yes")), hrKey);
            assertThat(badStream.status()).isEqualTo(400);
            Reply unknownField = send(http, post(base + "/v1/ask", Map.of("question", "x", "top_k", 3)), hrKey);
            assertThat(unknownField.status()).isEqualTo(400);
            assertThat(unknownField.json().get("message").asText()).contains("top_k");
        }
    }

    @Test
    void should_answer_malformed_requests_on_every_route_with_a_4xx_never_a_5xx_or_a_hang() throws Exception {
        try (SluiceServer server = start();
                HttpClient http = HttpClient.newBuilder()
                        .connectTimeout(java.time.Duration.ofSeconds(5))
                        .build()) {
            String base = "http://127.0.0.1:" + server.port();
            java.util.Random random = new java.util.Random(42);
            List<String> bodies = new ArrayList<>(List.of(
                    "",
                    "{",
                    "[]",
                    "null",
                    "\"question\"",
                    "{\"question\": 5}",
                    "{\"question\": {\"a\": 1}}",
                    "{\"question\": \"x\", \"k\": \"many\"}",
                    "{\"question\": \"x\", \"k\": 100000}",
                    "{\"answerId\": [1], \"rating\": true}",
                    "{\"question\": \"" + "x".repeat(5000) + "\"}",
                    "[".repeat(5000),
                    "{\"a\":".repeat(3000)));
            for (int i = 0; i < 20; i++) {
                byte[] noise = new byte[random.nextInt(200)];
                random.nextBytes(noise);
                bodies.add(new String(noise, StandardCharsets.ISO_8859_1));
            }
            bodies.add("{\"question\": \"" + "y".repeat(2 * 1024 * 1024) + "\"}"); // over the 1 MiB cap
            List<String> targets = List.of(
                    "POST /v1/ask",
                    "POST /v1/feedback",
                    "POST /v1/diagnose",
                    "POST /v1/documents",
                    "POST /v1/sources/nosuch/sync",
                    "DELETE /v1/documents?uri=%00..%2F..%2Fetc%2Fpasswd",
                    "GET /v1/documents?uri=..%2F..%2Fetc%2Fpasswd",
                    "GET /v1/documents?limit=abc",
                    "GET /v1/documents?offset=-1",
                    "GET /v1/jobs/99999999999999999999999",
                    "GET /v1/runs/-1",
                    "GET /v1/eval/runs/x",
                    "GET /v1/search?q=x&k=0",
                    "GET /v1/search?q=x&mode=fuzzy");
            for (String target : targets) {
                String method = target.substring(0, target.indexOf(' '));
                String path = target.substring(target.indexOf(' ') + 1);
                for (String body : method.equals("GET") ? List.of("") : bodies) {
                    for (String type : List.of("application/json", "multipart/form-data; boundary=zz")) {
                        String shown = body.length() > 40 ? body.substring(0, 40) + "..." : body;
                        HttpResponse<String> r;
                        try {
                            r = http.send(
                                    HttpRequest.newBuilder(URI.create(base + path))
                                            .timeout(java.time.Duration.ofSeconds(20))
                                            .header("Authorization", "Bearer " + hrKey)
                                            .header("Content-Type", type)
                                            .method(method, HttpRequest.BodyPublishers.ofString(body))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
                        } catch (java.io.IOException e) {
                            throw new AssertionError(
                                    target + " [" + type + "] " + shown + " (" + body.length() + " chars): " + e, e);
                        }
                        assertThat(r.statusCode())
                                .as("%s [%s] %s -> %s", target, type, shown, r.body())
                                .isBetween(400, 499);
                        assertThat(r.body()).as(target).startsWith("{\"code\"");
                    }
                }
            }
            try (SluiceServer small = TestServers.start(
                    config,
                    index,
                    "127.0.0.1",
                    0,
                    SluiceServer.Limits.DEFAULTS.withRate(1000, 1000).withMaxUploadBytes(1024))) {
                Reply big = send(
                        http,
                        upload(
                                "http://127.0.0.1:" + small.port() + "/v1/documents",
                                Map.of("big.md", "z".repeat(8192)),
                                Map.of()),
                        hrKey);
                assertThat(big.status()).as(big.body()).isEqualTo(413);
                assertThat(index.resolve("uploads/harriet/big.md")).doesNotExist();
            }
        }
    }

    @Test
    void should_close_connections_of_clients_that_stall_mid_request() throws Exception {
        try (SluiceServer server = TestServers.start(
                config,
                index,
                "127.0.0.1",
                0,
                SluiceServer.Limits.DEFAULTS.withRate(1000, 1000).withIdleTimeoutMillis(500))) {
            for (String partial : List.of(
                    "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n", // headers never finished
                    "POST /v1/ask HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + hrKey
                            + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"quest")) {
                try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
                    socket.setSoTimeout(10_000); // the test's own limit: the server must act well before it
                    socket.getOutputStream().write(partial.getBytes(StandardCharsets.UTF_8));
                    socket.getOutputStream().flush();
                    long start = System.nanoTime();
                    byte[] rest = socket.getInputStream().readAllBytes(); // returns when the server closes
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    assertThat(millis)
                            .as("closed after %d ms; answered: %s", millis, new String(rest, StandardCharsets.UTF_8))
                            .isBetween(300L, 5_000L);
                    String answer = new String(rest, StandardCharsets.UTF_8);
                    assertThat(answer.isEmpty() || answer.startsWith("HTTP/1.1 4"))
                            .as("nothing, or a 4xx: %s", answer)
                            .isTrue();
                }
            }
        }
    }

    @Test
    void should_move_searches_to_the_new_index_generation_when_another_model_takes_over() throws Exception {
        try (SluiceServer server = start();
                HttpClient http = HttpClient.newHttpClient()) {
            String base = "http://127.0.0.1:" + server.port();
            send(http, post(base + "/v1/sources/*/sync?wait=true", Map.of()), hrKey);
            assertThat(send(http, get(base + "/readyz"), hrKey)
                            .json()
                            .get("model")
                            .asText())
                    .isEqualTo("bge-small-en-v1.5-q");

            // another process (sluice sync with a new embedding model) builds and switches a generation
            dev.sluice.IngestOptions bge;
            try (dev.sluice.KnowledgeBase other = TestServers.knowledgeBase(config, index)) {
                bge = dev.sluice.IngestOptions.of(other.config(), other.configuredSources());
            }
            dev.sluice.Sluice.ingest(
                    new dev.sluice.IngestOptions(
                            bge.sources(),
                            index,
                            dev.sluice.embed.EmbeddingModelSpec.ALL_MINILM_L6_V2_Q,
                            120,
                            bge.overlapTokens(),
                            bge.limits(),
                            1,
                            2),
                    dev.sluice.ingest.ProgressListener.NONE);

            long deadline = System.currentTimeMillis() + 10_000;
            String model;
            do {
                Thread.sleep(100);
                model = send(http, get(base + "/readyz"), hrKey)
                        .json()
                        .get("model")
                        .asText();
            } while (!model.equals("all-minilm-l6-v2-q") && System.currentTimeMillis() < deadline);
            assertThat(model).as("the service follows the new generation").isEqualTo("all-minilm-l6-v2-q");
            Reply dense = send(http, get(base + "/v1/search?mode=dense&q=" + q("zanzibar payroll bands")), hrKey);
            assertThat(dense.status()).as(dense.body()).isEqualTo(200);
            assertThat(dense.json().get("results").get(0).get("model").asText()).isEqualTo("all-minilm-l6-v2-q");
            assertThat(texts(dense.json().get("results"), "source"))
                    .contains("hr")
                    .doesNotContain("eng");
        }
    }

    @Test
    void should_not_hold_a_trusted_keys_requests_while_the_catalog_is_busy_after_the_trust_period() throws Exception {
        ApiKeys.Created key;
        try (SqliteCatalog catalog = SqliteCatalog.open(index.resolve(SqliteCatalog.FILE_NAME))) {
            key = ApiKeys.create(catalog, "busy", List.of(), List.of("query"), System.currentTimeMillis());
        }
        dev.sluice.KnowledgeBase kb = TestServers.knowledgeBase(config, index);
        try (SluiceServer server =
                        SluiceServer.start(kb, "127.0.0.1", 0, SluiceServer.Limits.DEFAULTS.withRate(1000, 1000));
                HttpClient http = HttpClient.newHttpClient()) {
            String base = "http://127.0.0.1:" + server.port();
            assertThat(send(http, get(base + "/v1/status"), key.key()).status()).isEqualTo(200);
            Thread.sleep(Auth.CACHE_MILLIS + 300); // past the trust period: the key is due to be read again
            java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
            Thread busy = Thread.ofPlatform().start(() -> {
                synchronized (kb.keys()) { // what storing a busy service's spans does to the one connection
                    held.countDown();
                    try {
                        Thread.sleep(2_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            held.await();
            long t0 = System.nanoTime();
            int status = send(http, get(base + "/v1/search?q=install&mode=bm25&k=1"), key.key())
                    .status();
            long millis = (System.nanoTime() - t0) / 1_000_000;
            busy.join();
            assertThat(status).isEqualTo(200);
            assertThat(millis)
                    .as("the request went on with the remembered key while the catalog was held for 2 s")
                    .isLessThan(1_000);
        }
    }

    @Test
    void should_refuse_a_key_revoked_while_the_service_runs_within_the_trust_period() throws Exception {
        ApiKeys.Created temporary;
        try (SqliteCatalog catalog = SqliteCatalog.open(index.resolve(SqliteCatalog.FILE_NAME))) {
            temporary = ApiKeys.create(catalog, "temp", List.of(), List.of("query"), System.currentTimeMillis());
        }
        try (SluiceServer server = start();
                HttpClient http = HttpClient.newHttpClient()) {
            String base = "http://127.0.0.1:" + server.port();
            assertThat(send(http, get(base + "/v1/status"), temporary.key()).status())
                    .isEqualTo(200);
            try (SqliteCatalog catalog = SqliteCatalog.openExisting(index)) {
                assertThat(catalog.revokeApiKey(temporary.record().id(), System.currentTimeMillis()))
                        .isTrue();
            }
            long revoked = System.nanoTime();
            int status;
            do {
                Thread.sleep(100);
                status = send(http, get(base + "/v1/status"), temporary.key()).status();
            } while (status == 200 && System.nanoTime() - revoked < 15_000_000_000L);
            long millis = (System.nanoTime() - revoked) / 1_000_000;
            assertThat(status).isEqualTo(401);
            assertThat(millis)
                    .as("refused %d ms after the revocation", millis)
                    .isLessThanOrEqualTo(Auth.CACHE_MILLIS + 1_000);
        }
    }
}
