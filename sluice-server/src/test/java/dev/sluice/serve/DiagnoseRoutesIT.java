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
 * {@code POST /v1/diagnose} over real HTTP with two tenants: a caller diagnoses its own answers with
 * its own access, never learns that the other tenant's document exists, and may not diagnose the
 * other tenant's answer; an admin key may ask as another key.
 */
class DiagnoseRoutesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAYROLL = "what are the zanzibar payroll bands";

    @TempDir
    Path work;

    private record Reply(int status, JsonNode json, String body) {}

    private static Reply send(HttpClient http, String url, Object body, String key) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body().startsWith("{") ? JSON.readTree(r.body()) : null, r.body());
    }

    @Test
    void should_diagnose_with_the_caller_s_access_and_never_reveal_another_tenant_s_document() throws Exception {
        SluiceConfig config = TestServers.twoTenants(work);
        Path index = config.index();
        Files.createDirectories(index);
        String hrKey;
        String engKey;
        String readerKey;
        String engReaderId;
        try (SqliteCatalog catalog = SqliteCatalog.open(index.resolve(SqliteCatalog.FILE_NAME))) {
            long now = System.currentTimeMillis();
            List<String> all = List.of("query", "ingest", "admin");
            hrKey = ApiKeys.create(catalog, "harriet", List.of("hr"), all, now).key();
            engKey = ApiKeys.create(catalog, "erin", List.of("eng"), all, now).key();
            ApiKeys.Created reader = ApiKeys.create(catalog, "ed", List.of("eng"), List.of("query"), now);
            readerKey = reader.key();
            engReaderId = reader.record().id();
        }
        try (SluiceServer server = TestServers.start(
                        config, index, "127.0.0.1", 0, SluiceServer.Limits.DEFAULTS.withRate(1000, 1000));
                HttpClient http = HttpClient.newHttpClient()) {
            String base = "http://127.0.0.1:" + server.port();
            assertThat(send(http, base + "/v1/sources/*/sync?wait=true", Map.of(), hrKey)
                            .status())
                    .isEqualTo(200);

            Reply answer = send(http, base + "/v1/ask", Map.of("question", PAYROLL), hrKey);
            String answerId = answer.json().get("id").asText();
            Reply own = send(http, base + "/v1/diagnose", Map.of("answerId", answerId, "expect", "salaries.md"), hrKey);
            assertThat(own.status()).as(own.body()).isEqualTo(200);
            assertThat(own.json().get("layer").asText()).isEqualTo("none");
            assertThat(own.json().at("/evidence/answerId").asText()).isEqualTo(answerId);

            // erin (eng) may not read salaries.md: exactly as a document that does not exist
            Reply hidden =
                    send(http, base + "/v1/diagnose", Map.of("question", PAYROLL, "expect", "salaries.md"), readerKey);
            Reply missing =
                    send(http, base + "/v1/diagnose", Map.of("question", PAYROLL, "expect", "nosuch.md"), readerKey);
            assertThat(hidden.status()).isEqualTo(400);
            assertThat(hidden.json().get("message").asText())
                    .startsWith("expect: no document 'salaries.md'")
                    .isEqualTo(missing.json().get("message").asText().replace("nosuch.md", "salaries.md"));
            assertThat(hidden.body()).doesNotContain("not_visible", "g:hr");

            // another tenant's answer is unknown to the caller
            Reply stolen =
                    send(http, base + "/v1/diagnose", Map.of("answerId", answerId, "expect", "deploy.md"), engKey);
            assertThat(stolen.status()).isEqualTo(404);
            assertThat(send(http, base + "/v1/diagnose", Map.of("answerId", "ans_nope", "expect", "deploy.md"), hrKey)
                            .status())
                    .isEqualTo(404);

            // an admin who may read the document learns it is not visible to the key asked as
            Reply asReader = send(
                    http,
                    base + "/v1/diagnose",
                    Map.of("question", PAYROLL, "expect", "salaries.md", "asKey", engReaderId),
                    hrKey);
            assertThat(asReader.status()).as(asReader.body()).isEqualTo(200);
            assertThat(asReader.json().get("layer").asText()).isEqualTo("data");
            assertThat(asReader.json().get("cause").asText()).isEqualTo("not_visible");
            assertThat(send(
                                    http,
                                    base + "/v1/diagnose",
                                    Map.of("question", PAYROLL, "expect", "deploy.md", "asKey", engReaderId),
                                    readerKey)
                            .status())
                    .as("asKey needs the admin scope")
                    .isEqualTo(403);

            Reply noExpect = send(http, base + "/v1/diagnose", Map.of("question", PAYROLL), hrKey);
            assertThat(noExpect.status()).isEqualTo(400);
            assertThat(noExpect.json().get("message").asText()).contains("expect");
            Reply badKey = send(
                    http,
                    base + "/v1/diagnose",
                    Map.of("question", PAYROLL, "expect", "salaries.md", "asKey", "k_nope"),
                    hrKey);
            assertThat(badKey.status()).isEqualTo(400);
            assertThat(badKey.json().get("message").asText()).contains("asKey: no API key 'k_nope'");
        }
    }
}
