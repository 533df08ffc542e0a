package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.testkit.Fixtures;
import dev.sluice.testkit.ScriptedOpenAiServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice search} with {@code retrieval.rerank} enabled, on the ten-document fixture with the real
 * model and index, the reranking model a real OpenAI-protocol server on 127.0.0.1 that follows a script.
 */
class SearchRerankCliIT {
    private static final Path TINY = Fixtures.tinyBeir();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUERY = "what makes bread rise";

    @TempDir
    static Path work;

    static Path index;

    @BeforeAll
    static void importTheCorpus() {
        index = work.resolve("index");
        SluiceCliIT.Run imported = SluiceCliIT.run("eval", "import-beir", TINY.toString(), "--index", index.toString());
        assertThat(imported.exit()).as(imported.err()).isZero();
    }

    private static Path config(String name, String yaml) throws Exception {
        return Files.writeString(work.resolve(name), "index: " + index + "\n" + yaml, StandardCharsets.UTF_8);
    }

    private static List<String> chunkIds(JsonNode search) {
        List<String> ids = new ArrayList<>();
        search.get("results").forEach(r -> ids.add(r.get("chunkId").asText()));
        return ids;
    }

    @Test
    void should_print_the_models_order_and_say_in_json_and_the_table_that_it_reranked() throws Exception {
        try (ScriptedOpenAiServer model = new ScriptedOpenAiServer()) {
            model.fallback(ScriptedOpenAiServer.ok("3, 2, 1", 300, 6));
            Path config = config("rerank.yaml", """
                    retrieval:
                      rerank: {enabled: true, candidates: 3}
                    llm:
                      baseUrl: %s
                      model: cheap-model
                      retries: 0
                    """.formatted(model.baseUrl()));

            SluiceCliIT.Run plain =
                    SluiceCliIT.run("search", QUERY, "-k", "3", "--config", config.toString(), "--json", "--no-rerank");
            assertThat(plain.exit()).as(plain.err()).isZero();
            JsonNode first = JSON.readTree(plain.out());
            assertThat(first.get("rerank").get("enabled").asBoolean()).isFalse();
            assertThat(model.requests()).as("--no-rerank asks no model").isEmpty();

            SluiceCliIT.Run reranked =
                    SluiceCliIT.run("search", QUERY, "-k", "3", "--config", config.toString(), "--json");
            assertThat(reranked.exit()).as(reranked.err()).isZero();
            JsonNode second = JSON.readTree(reranked.out());
            JsonNode rerank = second.get("rerank");
            assertThat(rerank.get("enabled").asBoolean()).isTrue();
            assertThat(rerank.get("reordered").asBoolean()).isTrue();
            assertThat(rerank.get("candidates").asInt()).isEqualTo(3);
            assertThat(rerank.get("reranker").asText()).startsWith("llm cheap-model, prompt rerank@");
            assertThat(rerank.get("fallbackReason").isNull()).isTrue();
            List<String> expected = new ArrayList<>(chunkIds(first));
            Collections.reverse(expected);
            assertThat(chunkIds(second)).containsExactlyElementsOf(expected);
            assertThat(model.requests()).hasSize(1);

            SluiceCliIT.Run table = SluiceCliIT.run("search", QUERY, "-k", "3", "--config", config.toString());
            assertThat(table.exit()).as(table.err()).isZero();
            assertThat(table.out())
                    .containsPattern("reranked by llm cheap-model, prompt rerank@[0-9a-f]{12}: 3 candidates");

            SluiceCliIT.Run effective = SluiceCliIT.run("config", "show", "--effective", "--config", config.toString());
            assertThat(effective.out())
                    .containsPattern("retrieval\\.rerank\\.enabled: true +# rerank\\.yaml:\\d+")
                    .containsPattern("retrieval\\.rerank\\.model: \"?cheap-model\"? +# default");
        }
    }

    @Test
    void should_say_the_search_order_was_kept_and_why_when_the_model_fails() throws Exception {
        try (ScriptedOpenAiServer model = new ScriptedOpenAiServer()) {
            model.fallback(new ScriptedOpenAiServer.Status(500, null));
            Path config = config("failing.yaml", """
                    retrieval:
                      rerank: {enabled: true}
                    llm:
                      baseUrl: %s
                      model: cheap-model
                      retries: 0
                    """.formatted(model.baseUrl()));

            SluiceCliIT.Run run = SluiceCliIT.run("search", QUERY, "--config", config.toString(), "--json");

            assertThat(run.exit()).as(run.err()).isZero();
            JsonNode rerank = JSON.readTree(run.out()).get("rerank");
            assertThat(rerank.get("enabled").asBoolean()).isTrue();
            assertThat(rerank.get("reordered").asBoolean()).isFalse();
            assertThat(rerank.get("fallbackReason").asText()).startsWith("failed: ");
            SluiceCliIT.Run table = SluiceCliIT.run("search", QUERY, "--config", config.toString());
            assertThat(table.out()).contains("reranking kept the search order (failed: ");
        }
    }

    @Test
    void should_refuse_reranking_enabled_without_a_model_as_a_usage_error_naming_the_key() throws Exception {
        Path config = config("nomodel.yaml", "retrieval:\n  rerank:\n    enabled: true\n");

        SluiceCliIT.Run run = SluiceCliIT.run("search", QUERY, "--config", config.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err())
                .contains("nomodel.yaml:4: retrieval.rerank.enabled is true")
                .contains("no llm section");
    }
}
