package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.KnowledgeBase;
import dev.sluice.access.ApiKeyRecord;
import dev.sluice.answer.AnswerRecord;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.testkit.TopicNotes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feedback-to-eval round trip through the command line: a thumbs-down names the spoiled document it
 * should have rested on, the diagnosis names the layer, {@code feedback list --by-layer} counts it,
 * {@code eval cases from-feedback} makes it a case, and {@code eval run --gate} on that set fails while the
 * fault is there and passes once it is fixed.
 */
class FeedbackCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUESTION = "where is a volcano found";

    @TempDir
    Path work;

    @Test
    void should_turn_a_diagnosed_thumbs_down_into_an_eval_case_that_fails_until_the_fault_is_fixed() throws Exception {
        Path docs = TopicNotes.write(work.resolve("docs"), TopicNotes.TOPICS);
        Path volcano = docs.resolve("volcano.md");
        String good = Files.readString(volcano, StandardCharsets.UTF_8);
        // the fault: the note was overwritten with text that no longer says anything about volcanoes
        Files.writeString(
                volcano,
                "# Untitled\n\nLorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\n",
                StandardCharsets.UTF_8);
        Path yaml = work.resolve("sluice.yaml");
        Files.writeString(
                yaml,
                "index: index\nsources:\n  - name: docs\n    path: docs\neval:\n  gates:\n    - recall@10 >= 1.0\n",
                StandardCharsets.UTF_8);
        String config = yaml.toString();
        assertThat(SluiceCliIT.run("sync", "--config", config, "--no-progress").exit())
                .isZero();
        try (KnowledgeBase kb = KnowledgeBase.open(EffectiveConfig.resolve(ConfigLoader.load(yaml), Flags.NONE))) {
            // as the service records an answer and its key
            kb.keys().addApiKey(new ApiKeyRecord("k_ana", "ana", List.of(), List.of("query"), 1, 0), "hash-ana");
            kb.answers()
                    .addAnswer(new AnswerRecord(
                            "ans_1", "k_ana", "ana", QUESTION, "Nothing about that.", "extractive", List.of(), 1));
        }

        SluiceCliIT.Run bad = SluiceCliIT.run("feedback", "add", "ans_1", "sideways", "--config", config);
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("RATING must be up or down, got 'sideways'");
        SluiceCliIT.Run unknown = SluiceCliIT.run("feedback", "add", "ans_nope", "down", "--config", config);
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no answer 'ans_nope'");

        SluiceCliIT.Run add = SluiceCliIT.run(
                "feedback",
                "add",
                "ans_1",
                "down",
                "--expect",
                "volcano.md",
                "--expect-text",
                "where a volcano is found",
                "--comment",
                "nothing about volcanoes",
                "--config",
                config);
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(add.out()).contains("layer:     data / text_not_in_document", "expect:    volcano.md");

        SluiceCliIT.Run list = SluiceCliIT.run("feedback", "list", "--json", "--since", "7d", "--config", config);
        assertThat(list.exit()).as(list.err()).isZero();
        JsonNode stored = JSON.readTree(list.out()).get("feedback").get(0);
        assertThat(stored.get("comment").asText()).isEqualTo("nothing about volcanoes");
        assertThat(stored.at("/diagnosis/layer").asText()).isEqualTo("data");
        assertThat(stored.at("/diagnosis/cause").asText()).isEqualTo("text_not_in_document");

        SluiceCliIT.Run byLayer = SluiceCliIT.run("feedback", "list", "--by-layer", "--config", config);
        assertThat(byLayer.exit()).as(byLayer.err()).isZero();
        assertThat(byLayer.out()).contains("1 thumbs-down, 1 diagnosed").containsPattern("data\\s+1\\s+100\\.0%");
        JsonNode shares = JSON.readTree(SluiceCliIT.run("feedback", "list", "--by-layer", "--json", "--config", config)
                        .out())
                .get("byLayer");
        assertThat(shares.get(0).get("layer").asText()).isEqualTo("data");
        assertThat(shares.get(0).get("share").asDouble()).isEqualTo(1.0);
        assertThat(SluiceCliIT.run("feedback", "list", "--since", "soon", "--config", config)
                        .exit())
                .isEqualTo(2);

        Path set = work.resolve("evals/feedback.jsonl");
        SluiceCliIT.Run cases =
                SluiceCliIT.run("eval", "cases", "from-feedback", "--out", set.toString(), "--config", config);
        assertThat(cases.exit()).as(cases.err()).isZero();
        assertThat(cases.out()).startsWith("1 case(s) added to " + set);
        assertThat(Files.readString(set, StandardCharsets.UTF_8))
                .contains("\"question\":\"" + QUESTION + "\"", volcano.toUri().toString());
        SluiceCliIT.Run again =
                SluiceCliIT.run("eval", "cases", "from-feedback", "--out", set.toString(), "--config", config);
        assertThat(again.out()).startsWith("0 case(s) added to " + set + ", 1 already there");
        assertThat(Files.readAllLines(set, StandardCharsets.UTF_8)).hasSize(1);

        SluiceCliIT.Run broken = SluiceCliIT.run("eval", "run", "--set", set.toString(), "--gate", "--config", config);
        assertThat(broken.exit()).as(broken.out() + broken.err()).isEqualTo(SluiceCli.EXIT_CHECK_FAILED);
        assertThat(broken.err()).contains("gate failed").contains("recall@10 = 0.0000, needs >= 1");

        Files.writeString(volcano, good, StandardCharsets.UTF_8); // the fix
        assertThat(SluiceCliIT.run("sync", "--config", config, "--no-progress").exit())
                .isZero();
        SluiceCliIT.Run fixed = SluiceCliIT.run("eval", "run", "--set", set.toString(), "--gate", "--config", config);
        assertThat(fixed.exit()).as(fixed.out() + fixed.err()).isZero();
        assertThat(fixed.err()).contains("gate passed");
    }
}
