package dev.sluice.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.access.ApiKeys;
import dev.sluice.config.SluiceConfig;
import dev.sluice.sqlite.SqliteCatalog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/feedback} with a diagnosis, over real HTTP with two tenants: a thumbs-down is diagnosed
 * and kept with the feedback, feedback only on one's own answers, and the diagnosis never reveals the
 * other tenant's document; {@code GET /v1/feedback} and the trace page show the kept diagnosis.
 */
class FeedbackRoutesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAYROLL = "what are the zanzibar payroll bands";
    private static final String DEPLOY = "how do I roll out a kubernetes deploy";

    @TempDir
    Path work;

    private record Reply(int status, JsonNode json, String body) {}

    private static Reply send(HttpClient http, String url, Object body, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key);
        HttpRequest request = body == null
                ? b.GET().build()
                : b.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body().startsWith("{") ? JSON.readTree(r.body()) : null, r.body());
    }

    @Test
    void should_diagnose_a_thumbs_down_on_one_s_own_answer_without_revealing_another_tenant_s_document()
            throws Exception {
        SluiceConfig config = TestServers.twoTenants(work);
        Path index = config.index();
        Files.createDirectories(index);
        String hrKey;
        String engKey;
        try (SqliteCatalog catalog = SqliteCatalog.open(index.resolve(SqliteCatalog.FILE_NAME))) {
            long now = System.currentTimeMillis();
            List<String> all = List.of("query", "ingest", "admin");
            hrKey = ApiKeys.create(catalog, "harriet", List.of("hr"), all, now).key();
            engKey = ApiKeys.create(catalog, "erin", List.of("eng"), all, now).key();
        }
        try (SluiceServer server = TestServers.start(
                        config, index, "127.0.0.1", 0, SluiceServer.Limits.DEFAULTS.withRate(1000, 1000));
                HttpClient http = HttpClient.newHttpClient()) {
            String base = "http://127.0.0.1:" + server.port();
            assertThat(send(http, base + "/v1/sources/*/sync?wait=true", Map.of(), hrKey)
                            .status())
                    .isEqualTo(200);
            String hrAnswer = send(http, base + "/v1/ask", Map.of("question", PAYROLL), hrKey)
                    .json()
                    .get("id")
                    .asText();
            String engAnswer = send(http, base + "/v1/ask", Map.of("question", DEPLOY), engKey)
                    .json()
                    .get("id")
                    .asText();

            // the full diagnosis, as the answer's key, kept with the feedback
            Reply own = send(
                    http,
                    base + "/v1/feedback",
                    Map.of("answerId", hrAnswer, "rating", "down", "expect", "salaries.md", "expectText", "band four"),
                    hrKey);
            assertThat(own.status()).as(own.body()).isEqualTo(201);
            assertThat(own.json().at("/diagnosis/layer").asText()).isEqualTo("none");
            assertThat(own.json().at("/diagnosis/cause").asText()).isEqualTo("rests_on_expected");
            assertThat(own.json().at("/diagnosis/expect").asText()).isEqualTo("salaries.md");

            // without an expected document: the weaker diagnosis
            Reply weak = send(http, base + "/v1/feedback", Map.of("answerId", engAnswer, "rating", "down"), engKey);
            assertThat(weak.status()).as(weak.body()).isEqualTo(201);
            assertThat(weak.json().at("/diagnosis/evidence/expected").asText()).startsWith("none given");
            assertThat(weak.json().at("/diagnosis/layer").asText()).isNotEmpty();

            // another tenant's answer is unknown; feedback on it is refused
            Reply stolen = send(
                    http,
                    base + "/v1/feedback",
                    Map.of("answerId", hrAnswer, "rating", "down", "expect", "deploy.md"),
                    engKey);
            assertThat(stolen.status()).isEqualTo(404);

            // a document the caller may not read fails exactly as one that does not exist; feedback is kept
            Reply hidden = send(
                    http,
                    base + "/v1/feedback",
                    Map.of("answerId", engAnswer, "rating", "down", "expect", "salaries.md"),
                    engKey);
            Reply missing = send(
                    http,
                    base + "/v1/feedback",
                    Map.of("answerId", engAnswer, "rating", "down", "expect", "nosuch.md"),
                    engKey);
            assertThat(hidden.status()).isEqualTo(201);
            assertThat(hidden.json().at("/diagnosis/error").asText())
                    .startsWith("no document 'salaries.md'")
                    .isEqualTo(missing.json().at("/diagnosis/error").asText().replace("nosuch.md", "salaries.md"));
            assertThat(hidden.body()).doesNotContain("not_visible", "g:hr", "zanzibar", "hr/");

            assertThat(send(
                                    http,
                                    base + "/v1/feedback",
                                    Map.of("answerId", engAnswer, "rating", "up", "expect", "deploy.md"),
                                    engKey)
                            .status())
                    .isEqualTo(400);

            // the kept diagnoses: each admin sees those on answers it may read
            Reply hrList = send(http, base + "/v1/feedback", null, hrKey);
            assertThat(hrList.json().get("feedback")).hasSize(1);
            assertThat(hrList.json().at("/feedback/0/diagnosis/cause").asText()).isEqualTo("rests_on_expected");
            Reply engList = send(http, base + "/v1/feedback", null, engKey);
            // erin's own words ("expect": "salaries.md") come back to her, nothing of the hr document does
            assertThat(engList.body()).doesNotContain("zanzibar", "hr/salaries.md", "g:hr", "not_visible");
            assertThat(engList.json().get("feedback")).hasSize(3);
        }
    }
}
