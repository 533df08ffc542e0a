package dev.sluice.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.KnowledgeBase;
import dev.sluice.access.ApiKeys;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.config.SluiceConfig;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.ingest.RunOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /v1/quality} through the real service: an ingest key reads each source's figures and contract
 * results (a count of personal data, never the data), a query-only key is refused with 403, a bad number
 * of runs is a 400 with the JSON error shape.
 */
class QualityRoutesIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private static HttpResponse<String> get(HttpClient http, String url, String key) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + key)
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void should_report_each_sources_checks_to_ingest_keys_only() throws Exception {
        Path docs = Files.createDirectories(work.resolve("docs"));
        Files.writeString(docs.resolve("contacts.md"), """
                # Contacts

                The travel desk books hotels and trains for every trip. Write to ana.lima@example.com with
                the dates, the city and the cost centre, at least two weeks before the trip starts.
                """);
        Files.writeString(work.resolve("sluice.yaml"), """
                index: index
                sources:
                  - name: docs
                    path: docs
                    contract:
                      minDocuments: 1
                      maxPiiHits: {value: 0, severity: warn}
                """);
        SluiceConfig config = ConfigLoader.load(work.resolve("sluice.yaml"));
        String ingest;
        String query;
        try (KnowledgeBase kb = KnowledgeBase.openOrCreate(EffectiveConfig.resolve(config, Flags.NONE))) {
            kb.sync(kb.configuredRun(RunOptions.DEFAULTS), ProgressListener.NONE);
            long now = System.currentTimeMillis();
            ingest = ApiKeys.create(kb.keys(), "ops", List.of(), List.of("ingest"), now)
                    .key();
            query = ApiKeys.create(kb.keys(), "app", List.of(), List.of("query"), now)
                    .key();
        }
        try (SluiceServer server =
                SluiceServer.start(KnowledgeBase.open(EffectiveConfig.resolve(config, Flags.NONE)), "127.0.0.1", 0)) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();

            HttpResponse<String> ok = get(http, base + "/v1/quality?source=docs", ingest);
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            JsonNode source = JSON.readTree(ok.body()).get("sources").get(0);
            assertThat(source.get("source").asText()).isEqualTo("docs");
            assertThat(source.get("documents").asInt()).isEqualTo(1);
            assertThat(source.get("piiHits").asInt()).isEqualTo(1);
            assertThat(source.get("published").asBoolean()).isTrue();
            assertThat(source.get("contract")).hasSize(2);
            assertThat(source.get("contract").get(1).get("passed").asBoolean()).isFalse();
            assertThat(source.get("contract").get(1).get("severity").asText()).isEqualTo("warn");
            assertThat(ok.body()).doesNotContain("ana.lima");

            HttpResponse<String> refused = get(http, base + "/v1/quality", query);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(JSON.readTree(refused.body()).get("code").asText()).isEqualTo("forbidden");

            HttpResponse<String> bad = get(http, base + "/v1/quality?runs=zero", ingest);
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(bad.body()).get("message").asText()).contains("runs");
        }
    }
}
