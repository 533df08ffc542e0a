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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /v1/review} through the real service, with two conflicts: one between two open documents, one
 * between an open page and a finance-only policy. A key of another group never learns of the second (not
 * listed, 404 by id, not one of its sentences in any body); only an admin key that can see an item
 * resolves it; bad ids and bodies are 400 or 404 with the JSON error shape.
 */
class ReviewRoutesIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private HttpClient http;
    private String base;

    private HttpResponse<String> call(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + key)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private JsonNode ok(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static void error(HttpResponse<String> r, int status, String code, String message) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(body.get("message").asText()).contains(message);
    }

    private static List<String> values(JsonNode items) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(String.join(
                "/",
                new java.util.TreeSet<>(List.of(
                        i.get("left").get("value").asText(),
                        i.get("right").get("value").asText()))))); // either order
        return out;
    }

    private SluiceConfig corpus() throws Exception {
        Path open = Files.createDirectories(work.resolve("open"));
        Files.writeString(open.resolve("handbook.md"), """
                # Handbook

                ## Parental leave

                Acme employees receive 16 weeks of paid parental leave. Requests go to HR.
                """);
        Files.writeString(open.resolve("faq.md"), """
                # FAQ

                ## Leave

                Acme employees receive 12 weeks of paid parental leave. Ask your manager first.

                ## Travel

                The nightly hotel allowance in Berlin is 150 euros. Receipts go to finance within a month.
                """);
        Path finance = Files.createDirectories(work.resolve("finance"));
        Files.writeString(finance.resolve("travel.md"), """
                # Travel policy

                ## Hotels

                The nightly hotel allowance in Berlin is 180 euros. Book through the travel desk.
                """);
        Files.writeString(work.resolve("sluice.yaml"), """
                index: index
                sources:
                  - name: open
                    path: open
                  - name: finance
                    path: finance
                    access: {groups: [finance]}
                """);
        return ConfigLoader.load(work.resolve("sluice.yaml"));
    }

    @Test
    void should_show_each_key_only_the_items_whose_two_documents_it_may_read_and_let_only_admins_resolve()
            throws Exception {
        SluiceConfig config = corpus();
        String finance;
        String reader;
        String engAdmin;
        try (KnowledgeBase kb = KnowledgeBase.openOrCreate(EffectiveConfig.resolve(config, Flags.NONE))) {
            kb.sync(kb.configuredRun(RunOptions.DEFAULTS), ProgressListener.NONE);
            assertThat(kb.reviews().items(null, null, 10, 0)).hasSize(2);
            long now = System.currentTimeMillis();
            finance = ApiKeys.create(kb.keys(), "fay", List.of("finance"), List.of("query", "admin"), now)
                    .key();
            reader = ApiKeys.create(kb.keys(), "rita", List.of("eng"), List.of("query"), now)
                    .key();
            engAdmin = ApiKeys.create(kb.keys(), "erin", List.of("eng"), List.of("query", "admin"), now)
                    .key();
        }
        try (SluiceServer server =
                SluiceServer.start(KnowledgeBase.open(EffectiveConfig.resolve(config, Flags.NONE)), "127.0.0.1", 0)) {
            http = HttpClient.newHttpClient();
            base = "http://127.0.0.1:" + server.port();

            JsonNode all = ok(call("GET", "/v1/review", finance, null));
            assertThat(values(all.get("items")))
                    .containsExactlyInAnyOrder("12 weeks/16 weeks", "150 euros/180 euros")
                    .hasSize(2);
            assertThat(all.get("lastCheck").get("added").asInt()).isEqualTo(2);
            long euros = -1;
            long weeks = -1;
            for (JsonNode i : all.get("items")) {
                if (i.get("left").get("value").asText().contains("euros")) {
                    euros = i.get("id").asLong();
                } else {
                    weeks = i.get("id").asLong();
                }
            }
            JsonNode page = ok(call("GET", "/v1/review?limit=1&offset=1", finance, null));
            assertThat(page.get("items")).hasSize(1);
            assertThat(page.get("items").get(0).get("id").asLong())
                    .isEqualTo(all.get("items").get(1).get("id").asLong());

            HttpResponse<String> readerList = call("GET", "/v1/review?status=all", reader, null);
            JsonNode seen = ok(readerList);
            assertThat(values(seen.get("items"))).containsExactly("12 weeks/16 weeks");
            assertThat(seen.has("lastCheck"))
                    .as("run statistics are for ingest and admin keys")
                    .isFalse();
            HttpResponse<String> hidden = call("GET", "/v1/review/" + euros, reader, null);
            error(hidden, 404, "not_found", "no review item " + euros);
            for (HttpResponse<String> r : List.of(readerList, hidden)) {
                assertThat(r.body()).doesNotContain("180", "travel.md", "finance");
            }
            JsonNode shown = ok(call("GET", "/v1/review/" + weeks, reader, null));
            assertThat(shown.get("left").get("path").asText()).isIn("handbook.md", "faq.md");
            assertThat(shown.get("right").get("headingPath").asText()).isNotBlank();

            error(
                    call("POST", "/v1/review/" + weeks + "/resolve", reader, "{\"resolution\":\"keep-left\"}"),
                    403,
                    "forbidden",
                    "lacks the 'admin' scope");
            error(
                    call("POST", "/v1/review/" + euros + "/resolve", engAdmin, "{\"resolution\":\"keep-left\"}"),
                    404,
                    "not_found",
                    "no review item " + euros);
            error(call("GET", "/v1/review/abc", finance, null), 404, "not_found", "no review item abc");
            error(call("GET", "/v1/review/123456", finance, null), 404, "not_found", "no review item 123456");
            error(
                    call("GET", "/v1/review?status=closed", finance, null),
                    400,
                    "bad_request",
                    "status must be open, resolved or all");
            error(call("GET", "/v1/review?limit=0", finance, null), 400, "bad_request", "limit must be from 1 to 500");
            error(call("POST", "/v1/review/" + euros + "/resolve", finance, "[1]"), 400, "bad_request", "JSON object");
            error(
                    call(
                            "POST",
                            "/v1/review/" + euros + "/resolve",
                            finance,
                            "{\"resolution\":\"keep-left\",\"why\":1}"),
                    400,
                    "bad_request",
                    "unknown field 'why'");
            error(
                    call("POST", "/v1/review/" + euros + "/resolve", finance, "{\"resolution\":\"source-changed\"}"),
                    400,
                    "bad_request",
                    "resolution must be one of keep-left, keep-right, both-valid, not-a-conflict");
            error(
                    call("POST", "/v1/review/" + euros + "/resolve", finance, "{\"note\":\"x\"}"),
                    400,
                    "bad_request",
                    "resolution must be a non-empty string");
            error(
                    call(
                            "POST",
                            "/v1/review/" + euros + "/resolve",
                            finance,
                            "{\"resolution\":\"keep-left\",\"note\":7}"),
                    400,
                    "bad_request",
                    "note must be a string");

            JsonNode resolved = ok(call(
                    "POST",
                    "/v1/review/" + euros + "/resolve",
                    finance,
                    "{\"resolution\":\"keep-right\",\"note\":\"the policy is current\"}"));
            assertThat(resolved.get("status").asText()).isEqualTo("resolved");
            assertThat(resolved.get("resolution").asText()).isEqualTo("keep-right");
            assertThat(resolved.get("note").asText()).isEqualTo("the policy is current");
            assertThat(resolved.get("resolvedBy").asText()).isNotBlank();
            error(
                    call("POST", "/v1/review/" + euros + "/resolve", finance, "{\"resolution\":\"both-valid\"}"),
                    409,
                    "conflict",
                    "already resolved as keep-right");
            assertThat(values(ok(call("GET", "/v1/review", finance, null)).get("items")))
                    .containsExactly("12 weeks/16 weeks");
            assertThat(values(ok(call("GET", "/v1/review?status=resolved&source=finance", finance, null))
                            .get("items")))
                    .containsExactly("150 euros/180 euros");

            ApiContract contract =
                    new ApiContract(call("GET", "/openapi.json", finance, null).body());
            assertThat(contract.problems("get", "/v1/review", call("GET", "/v1/review?status=all", finance, null)))
                    .as("open and resolved items, and the last check, as /openapi.json declares them")
                    .isEmpty();
            assertThat(contract.problems("get", "/v1/review/{id}", call("GET", "/v1/review/" + weeks, reader, null)))
                    .isEmpty();
        }
    }
}
