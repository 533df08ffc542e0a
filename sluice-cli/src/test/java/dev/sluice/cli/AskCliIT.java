package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.testkit.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice ask} without a language model, on the ten-document fixture, with the real model and index. */
class AskCliIT {
    private static final Path TINY = Fixtures.tinyBeir();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    static Path index;

    @BeforeAll
    static void importTheCorpus() {
        index = work.resolve("index");
        SluiceCliIT.Run imported = SluiceCliIT.run("eval", "import-beir", TINY.toString(), "--index", index.toString());
        assertThat(imported.exit()).as(imported.err()).isZero();
    }

    @Test
    void should_answer_with_sentences_of_the_cited_passages() throws Exception {
        SluiceCliIT.Run run =
                SluiceCliIT.run("ask", "what", "makes", "bread", "rise", "--index", index.toString(), "--json");

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode answer = JSON.readTree(run.out());
        assertThat(answer.get("kind").asText()).isEqualTo("extractive");
        assertThat(answer.get("grounded").asBoolean()).isTrue();
        assertThat(answer.get("answer").asText())
                .startsWith(
                        "Bread rises because yeast ferments sugars and releases carbon dioxide gas into the dough [1].");
        assertThat(answer.get("citations").get(0).get("path").asText()).isEqualTo("d3");
        assertThat(answer.get("citations").get(0).get("number").asInt()).isEqualTo(1);
        assertThat(answer.get("problems")).isEmpty();

        SluiceCliIT.Run table = SluiceCliIT.run("ask", "what makes bread rise", "--index", index.toString());
        assertThat(table.out()).contains("[1] d3 § Bread").contains("(extractive: no language model configured)");
    }

    @Test
    void should_say_so_instead_of_guessing_when_nothing_is_relevant_enough() throws Exception {
        SluiceCliIT.Run run =
                SluiceCliIT.run("ask", "who won the football world cup", "--index", index.toString(), "--json");

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode answer = JSON.readTree(run.out());
        assertThat(answer.get("kind").asText()).isEqualTo("not_found");
        assertThat(answer.get("citations")).isEmpty();
        assertThat(answer.get("answer").asText()).contains("nothing relevant enough");
        assertThat(answer.get("note").asText()).contains("below the threshold 0.60");
    }

    @Test
    void should_refuse_bad_options_with_a_usage_error() {
        SluiceCliIT.Run run = SluiceCliIT.run("ask", "tides", "--index", index.toString(), "--min-similarity", "2");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("answer.minSimilarity must be from -1 to 1, got 2.0");
        SluiceCliIT.Run none = SluiceCliIT.run(
                "ask", "tides", "--index", work.resolve("nothing").toString());
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("no index at");
    }

    @Test
    void should_score_answers_against_reference_answers_counting_not_found_as_zero() throws Exception {
        Path set = java.nio.file.Files.writeString(work.resolve("answers.jsonl"), """
                {"id": "a1", "question": "what makes bread rise", "relevant": ["d3"], \
                "answer": "Bread rises because yeast ferments sugars and releases carbon dioxide gas into the dough."}
                {"id": "a2", "question": "who won the football world cup", "relevant": ["d1"], "answer": "Germany"}
                {"id": "a3", "question": "what causes tides", "relevant": ["d4"]}
                """);

        SluiceCliIT.Run run =
                SluiceCliIT.run("eval", "answers", "--set", set.toString(), "--index", index.toString(), "--json");

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("questions").asInt())
                .as("a3 has no reference answer")
                .isEqualTo(2);
        assertThat(report.get("kinds").get("not_found").asInt()).isEqualTo(1);
        JsonNode bread = report.get("perQuestion").get(0);
        assertThat(bread.get("tokenF1").asDouble()).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);
        assertThat(report.get("perQuestion").get(1).get("tokenF1").asDouble()).isZero();
        assertThat(report.get("tokenF1").asDouble())
                .isCloseTo(bread.get("tokenF1").asDouble() / 2, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void should_answer_through_the_configured_model_and_report_its_cost() throws Exception {
        try (dev.sluice.testkit.ScriptedOpenAiServer server = new dev.sluice.testkit.ScriptedOpenAiServer()) {
            server.then(dev.sluice.testkit.ScriptedOpenAiServer.ok("Yeast makes the dough rise [1].", 1_000, 100));
            Path config =
                    java.nio.file.Files.writeString(work.resolve("llm.yaml"), """
                    index: %s
                    llm:
                      baseUrl: %s
                      model: gpt-4o-mini
                    """.formatted(index, server.baseUrl()));

            SluiceCliIT.Run run =
                    SluiceCliIT.run("ask", "what makes bread rise", "--config", config.toString(), "--json");

            assertThat(run.exit()).as(run.err()).isZero();
            JsonNode answer = JSON.readTree(run.out());
            assertThat(answer.get("kind").asText()).isEqualTo("model");
            assertThat(answer.get("model").asText()).isEqualTo("gpt-4o-mini");
            assertThat(answer.get("promptVersion").asText()).startsWith("answer@");
            assertThat(server.requests())
                    .singleElement()
                    .satisfies(r -> assertThat(r.authorization())
                            .as("no key configured: none sent")
                            .isNull());

            SluiceCliIT.Run costs = SluiceCliIT.run("costs", "--config", config.toString(), "--json");
            assertThat(costs.exit()).as(costs.err()).isZero();
            JsonNode row = null;
            for (JsonNode r : JSON.readTree(costs.out())) {
                if (r.get("model").asText().equals("gpt-4o-mini")) {
                    row = r;
                }
            }
            assertThat(row).as("the gpt-4o-mini row of %s", costs.out()).isNotNull();
            assertThat(row.get("model").asText()).isEqualTo("gpt-4o-mini");
            assertThat(row.get("inputTokens").asLong()).isEqualTo(1_000);
            assertThat(row.get("outputTokens").asLong()).isEqualTo(100);
            // gpt-4o-mini's default price: $0.15 in, $0.60 out per million tokens.
            assertThat(row.get("costPicoUsd").asLong()).isEqualTo(1_000 * 150_000L + 100 * 600_000L);
        }
    }

    @Test
    void should_judge_answers_and_count_a_failed_judge_call_as_failed() throws Exception {
        try (dev.sluice.testkit.ScriptedOpenAiServer server = new dev.sluice.testkit.ScriptedOpenAiServer()) {
            server.then(
                    dev.sluice.testkit.ScriptedOpenAiServer.ok("Yeast makes the dough rise [1].", 300, 10),
                    dev.sluice.testkit.ScriptedOpenAiServer.ok(
                            "{\"claims\": [{\"claim\": \"yeast makes dough rise\", \"supported\": true},"
                                    + " {\"claim\": \"always\", \"supported\": false}]}",
                            400,
                            30),
                    dev.sluice.testkit.ScriptedOpenAiServer.ok("{\"score\": 5, \"reason\": \"direct\"}", 200, 10),
                    dev.sluice.testkit.ScriptedOpenAiServer.ok(
                            "{\"passages\": [{\"number\": 1, \"useful\": true}, {\"number\": 2, \"useful\": false},"
                                    + " {\"number\": 3, \"useful\": true}]}",
                            400,
                            30),
                    new dev.sluice.testkit.ScriptedOpenAiServer.Status(500, null));
            Path config =
                    // Another model than the cost test's, so the two tests' ledger rows stay apart in one catalog.
                    java.nio.file.Files.writeString(work.resolve("judge.yaml"), """
                    index: %s
                    llm:
                      baseUrl: %s
                      model: gpt-4.1-mini
                      retries: 0
                    """.formatted(index, server.baseUrl()));
            Path set = java.nio.file.Files.writeString(
                    work.resolve("judged.jsonl"),
                    "{\"id\": \"j1\", \"question\": \"what makes bread rise\", \"relevant\": [\"d3\"],"
                            + " \"answer\": \"Yeast makes bread rise.\"}\n");

            SluiceCliIT.Run run = SluiceCliIT.run(
                    "eval", "answers", "--set", set.toString(), "--config", config.toString(), "--judge", "--json");

            assertThat(run.exit()).as(run.err()).isZero();
            JsonNode judged = JSON.readTree(run.out()).get("judged");
            assertThat(judged.get("faithfulness").get("mean").asDouble()).isEqualTo(0.5);
            assertThat(judged.get("answerRelevance").get("mean").asDouble()).isEqualTo(1.0);
            // Useful passages at ranks 1 and 3: (1/1 + 2/3) / 2.
            assertThat(judged.get("contextPrecision").get("mean").asDouble())
                    .isCloseTo((1 + 2 / 3.0) / 2, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(judged.get("contextRecall").get("failed").asInt()).isEqualTo(1);
            assertThat(judged.get("contextRecall").get("answers").asInt()).isZero();
            assertThat(server.requests()).hasSize(5);
            assertThat(server.requests().get(1).lastUserMessage()).contains("Yeast makes the dough rise [1].");
        }
    }

    @Test
    void should_show_the_conflicting_sources_in_the_json_and_in_the_text() throws Exception {
        Path docs = java.nio.file.Files.createDirectories(work.resolve("handbooks"));
        java.nio.file.Files.writeString(docs.resolve("handbook.md"), """
                # Employee handbook

                ## Parental leave

                Employees receive 16 weeks of paid parental leave. The leave can be taken in one or two blocks.
                """);
        java.nio.file.Files.writeString(docs.resolve("hr-faq.md"), """
                # HR questions and answers

                ## How long is parental leave?

                Parental leave lasts 12 weeks. Pay continues during the leave.
                """);
        Path handbooks = work.resolve("handbooks-index");
        SluiceCliIT.Run ingest = SluiceCliIT.run("ingest", docs.toString(), "--index", handbooks.toString());
        assertThat(ingest.exit()).as(ingest.err()).isZero();

        SluiceCliIT.Run run =
                SluiceCliIT.run("ask", "How long is parental leave?", "--index", handbooks.toString(), "--json");

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode answer = JSON.readTree(run.out());
        JsonNode conflict = answer.get("conflicts").get(0);
        assertThat(answer.get("conflicts")).hasSize(1);
        assertThat(conflict.get("kind").asText()).isEqualTo("number");
        assertThat(conflict.get("subject").asText()).isEqualTo("parental leave");
        JsonNode handbook =
                conflict.get("a").get("uri").asText().endsWith("handbook.md") ? conflict.get("a") : conflict.get("b");
        JsonNode faq = handbook == conflict.get("a") ? conflict.get("b") : conflict.get("a");
        assertThat(handbook.get("value").asText()).isEqualTo("16 weeks");
        assertThat(handbook.get("sentence").asText()).isEqualTo("Employees receive 16 weeks of paid parental leave.");
        assertThat(faq.get("value").asText()).isEqualTo("12 weeks");
        assertThat(faq.get("chunkId").asText()).isNotBlank();
        int a = handbook.get("number").asInt();
        int b = faq.get("number").asInt();
        assertThat(answer.get("answer").asText())
                .contains("[" + a + "] says 16 weeks")
                .contains("[" + b + "] says 12 weeks");
        assertThat(answer.get("citations"))
                .extracting(c -> c.get("number").asInt())
                .contains(a, b);

        SluiceCliIT.Run text = SluiceCliIT.run("ask", "How long is parental leave?", "--index", handbooks.toString());
        assertThat(text.out())
                .contains("Sources disagree on parental leave")
                .contains("Sources disagree (1):")
                .contains("number, parental leave: [")
                .contains("[" + a + "] 16 weeks")
                .contains("[" + b + "] 12 weeks");
    }
}
