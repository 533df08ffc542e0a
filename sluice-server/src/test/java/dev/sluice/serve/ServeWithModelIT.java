package dev.sluice.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.IngestOptions;
import dev.sluice.Sluice;
import dev.sluice.access.ApiKeys;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.SluiceConfig;
import dev.sluice.embed.EmbeddingModelSpec;
import dev.sluice.eval.BeirCorpusSource;
import dev.sluice.extract.ExtractionLimits;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.llm.LlmCallRecord;
import dev.sluice.sqlite.SqliteCatalog;
import dev.sluice.testkit.Fixtures;
import dev.sluice.testkit.ScriptedOpenAiServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service answering through a language model (a real OpenAI-protocol server on 127.0.0.1 that
 * follows a script): the model's text streams as server-sent events before the checked answer, and
 * each API key spends against its own daily budget.
 */
class ServeWithModelIT {
    private static final Path TINY = Fixtures.tinyBeir();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    /** The SSE events of a response body, in order: name and parsed data. */
    private static List<Map.Entry<String, JsonNode>> events(String body) throws Exception {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            String name = null;
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
            if (name != null) {
                out.add(Map.entry(name, JSON.readTree(data)));
            }
        }
        return out;
    }

    private static HttpResponse<String> ask(HttpClient http, String base, String key, String question, boolean stream)
            throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("question", question);
        body.put("stream", stream);
        return http.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/ask"))
                        .header("Authorization", "Bearer " + key)
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The ten-document fixture in an index under the work folder. */
    private Path tinyIndex() {
        Path index = work.resolve("index");
        IngestOptions defaults = IngestOptions.defaults(List.of(TINY), index);
        Sluice.ingest(
                new IngestOptions(
                        List.of(new BeirCorpusSource("tiny", TINY)),
                        index,
                        EmbeddingModelSpec.BGE_SMALL_EN_V15_Q,
                        IngestOptions.DEFAULT_MAX_CHUNK_TOKENS,
                        IngestOptions.DEFAULT_OVERLAP_TOKENS,
                        ExtractionLimits.defaults(),
                        1,
                        defaults.embedThreads()),
                ProgressListener.NONE);
        return index;
    }

    private static JsonNode search(HttpClient http, String base, String key, String query) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/search?" + query))
                        .header("Authorization", "Bearer " + key)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        return response.statusCode() == 200
                ? body
                : JSON.createObjectNode().put("status", response.statusCode()).set("error", body);
    }

    @Test
    void should_rerank_a_search_charged_to_the_callers_key_unless_the_request_says_rerank_false() throws Exception {
        Path index = tinyIndex();
        try (ScriptedOpenAiServer model = new ScriptedOpenAiServer()) {
            model.fallback(ScriptedOpenAiServer.ok("3, 2, 1", 300, 6));
            Files.writeString(work.resolve("sluice.yaml"), """
                    index: %s
                    retrieval:
                      rerank: {enabled: true, candidates: 3}
                    llm:
                      baseUrl: %s
                      model: cheap-model
                      retries: 0
                    """.formatted(index, model.baseUrl()));
            SluiceConfig config = ConfigLoader.load(work.resolve("sluice.yaml"));
            ApiKeys.Created ana;
            try (SqliteCatalog catalog = SqliteCatalog.openExisting(index)) {
                ana = ApiKeys.create(catalog, "ana", List.of(), List.of("query"), System.currentTimeMillis());
            }
            try (SluiceServer server = TestServers.start(config, index, "127.0.0.1", 0);
                    HttpClient http = HttpClient.newHttpClient()) {
                String base = "http://127.0.0.1:" + server.port();

                JsonNode plain = search(http, base, ana.key(), "q=bread+dough+rise&k=3&rerank=false");
                assertThat(plain.get("rerank").get("enabled").asBoolean()).isFalse();
                assertThat(model.requests()).isEmpty();

                JsonNode reranked = search(http, base, ana.key(), "q=bread+dough+rise&k=3");
                assertThat(reranked.get("rerank").get("reordered").asBoolean()).isTrue();
                List<String> before = new ArrayList<>();
                plain.get("results").forEach(r -> before.add(r.get("chunkId").asText()));
                List<String> after = new ArrayList<>();
                reranked.get("results").forEach(r -> after.add(r.get("chunkId").asText()));
                assertThat(after).containsExactly(before.get(2), before.get(1), before.get(0));

                JsonNode bad = search(http, base, ana.key(), "q=bread&rerank=maybe");
                assertThat(bad.get("status").asInt()).isEqualTo(400);
                assertThat(bad.get("error").toString()).contains("rerank must be true or false");
            }
            try (SqliteCatalog catalog = SqliteCatalog.openExisting(index)) {
                assertThat(catalog.llmCalls(0))
                        .extracting(LlmCallRecord::purpose, LlmCallRecord::keyId)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(
                                "rerank", ana.record().id()));
            }
        }
    }

    @Test
    void should_stream_model_text_before_the_checked_answer_and_hold_each_keys_own_budget() throws Exception {
        Path index = tinyIndex();
        try (ScriptedOpenAiServer model = new ScriptedOpenAiServer()) {
            // Each answer reports 300 + 2,400 tokens: 0.0051 USD at these prices, over a key's 0.005 a day.
            Files.writeString(work.resolve("sluice.yaml"), """
                    index: %s
                    llm:
                      baseUrl: %s
                      model: cheap-model
                      retries: 0
                      maxAnswerTokens: 100
                      prices:
                        cheap-model: {inputPerMillion: 1, outputPerMillion: 2}
                      budget: {perKeyDailyUsd: 0.005}
                    """.formatted(index, model.baseUrl()));
            SluiceConfig config = ConfigLoader.load(work.resolve("sluice.yaml"));
            ApiKeys.Created ana;
            ApiKeys.Created bob;
            ApiKeys.Created admin;
            try (SqliteCatalog catalog = SqliteCatalog.openExisting(index)) {
                long now = System.currentTimeMillis();
                ana = ApiKeys.create(catalog, "ana", List.of(), List.of("query"), now);
                bob = ApiKeys.create(catalog, "bob", List.of(), List.of("query"), now);
                admin = ApiKeys.create(catalog, "ops", List.of(), List.of("admin"), now);
            }
            long start = System.currentTimeMillis();
            model.then(new ScriptedOpenAiServer.SlowStream(
                    List.of("Yeast ferments sugars ", "and the gas makes ", "the dough rise [1]."), 30, 300, 2400));
            model.fallback(ScriptedOpenAiServer.ok("Yeast makes the dough rise [1].", 300, 2400));
            try (SluiceServer server = TestServers.start(config, index, "127.0.0.1", 0);
                    HttpClient http = HttpClient.newHttpClient()) {
                String base = "http://127.0.0.1:" + server.port();

                HttpResponse<String> streamed = ask(http, base, ana.key(), "what makes bread rise", true);
                assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(200);
                List<Map.Entry<String, JsonNode>> events = events(streamed.body());
                StringBuilder draft = new StringBuilder();
                events.stream()
                        .filter(e -> e.getKey().equals("delta"))
                        .forEach(e -> draft.append(e.getValue().get("text").asText()));
                assertThat(events)
                        .extracting(Map.Entry::getKey)
                        .startsWith("delta")
                        .endsWith("answer", "done");
                assertThat(draft.toString()).isEqualTo("Yeast ferments sugars and the gas makes the dough rise [1].");
                JsonNode answer = events.get(events.size() - 2).getValue();
                assertThat(answer.get("kind").asText()).isEqualTo("model");
                assertThat(answer.get("grounded").asBoolean()).isTrue();
                assertThat(answer.get("answer").asText()).isEqualTo(draft.toString());

                // other questions: the same prompt again would come from the response cache, costing nothing
                JsonNode anaAgain = JSON.readTree(ask(http, base, ana.key(), "how does yeast make bread rise", false)
                        .body());
                assertThat(anaAgain.get("kind").asText())
                        .as("ana's key has spent its day: extractive, not a model call")
                        .isEqualTo("extractive");
                assertThat(anaAgain.get("note").asText()).contains("budget");
                JsonNode bobFirst = JSON.readTree(ask(http, base, bob.key(), "why does bread dough rise", false)
                        .body());
                assertThat(bobFirst.get("kind").asText())
                        .as("bob's key has its own budget")
                        .isEqualTo("model");

                JsonNode bobAgain = JSON.readTree(ask(http, base, bob.key(), "why does bread dough rise", false)
                        .body());
                assertThat(bobAgain.get("answer").asText())
                        .as("the same prompt again comes from the response cache")
                        .isEqualTo(bobFirst.get("answer").asText());
                HttpResponse<String> metrics = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/metrics"))
                                .header("Authorization", "Bearer " + admin.key())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(metrics.body())
                        .contains("sluice_cache_hits_total{cache=\"llm_responses\"} 1.0")
                        .contains("sluice_cache_misses_total{cache=\"llm_responses\"} 3.0")
                        .as("model calls as they happened: latency by model and outcome, attempts, the breaker")
                        .containsPattern(
                                "sluice_llm_call_latency_seconds_count\\{model=\"[^\"]+\",outcome=\"ok\"\\} [1-9]")
                        .containsPattern(
                                "sluice_llm_calls_total\\{model=\"[^\"]+\",outcome=\"budget_exceeded\"\\} [1-9]")
                        .contains("sluice_llm_breaker_open 0.0");
            }
            try (SqliteCatalog catalog = SqliteCatalog.openExisting(index)) {
                List<LlmCallRecord> calls = catalog.llmCalls(start);
                assertThat(calls)
                        .filteredOn(c -> c.outcome().equals("ok"))
                        .extracting(LlmCallRecord::keyId)
                        .containsExactly(ana.record().id(), bob.record().id());
                assertThat(calls)
                        .filteredOn(c -> c.outcome().equals("budget_exceeded"))
                        .extracting(LlmCallRecord::keyId)
                        .containsExactly(ana.record().id());
                assertThat(model.requests()).hasSize(2);
            }
        }
    }
}
