package dev.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.cli.SluiceCli;
import dev.sluice.transform.TransformKind;
import dev.sluice.transform.TransformPrompts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice bench transforms-effect}: arguments checked with one line naming the option, an absent
 * collection skipped with a message, and the extractive stand-in's replies to the built-in prompts.
 */
class BenchTransformsEffectCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void should_exit_2_naming_the_options_when_counts_are_out_of_range() {
        Result result = run("bench", "transforms-effect", "--queries", "0", "--others", "-1");

        assertThat(result.exit()).isEqualTo(SluiceCli.EXIT_USAGE);
        assertThat(result.err())
                .startsWith("error: --queries and --threads must be at least 1 and --others at least 0, got 0, ")
                .contains("and -1")
                .doesNotContain("Exception");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void should_exit_2_naming_the_option_when_the_question_count_is_above_20() {
        Result result = run("bench", "transforms-effect", "--questions", "21");

        assertThat(result.exit()).isEqualTo(SluiceCli.EXIT_USAGE);
        assertThat(result.err())
                .startsWith("error: --questions: it must be from 1 to 20 (a questions step's count), got 21");
    }

    @Test
    void should_exit_2_naming_the_option_when_a_count_is_not_a_number() {
        Result result = run("bench", "transforms-effect", "--queries", "many");

        assertThat(result.exit()).isEqualTo(SluiceCli.EXIT_USAGE);
        assertThat(result.err()).contains("--queries").contains("many").doesNotContain("Exception");
    }

    @Test
    void should_skip_with_a_message_naming_the_folder_when_the_collection_is_absent() {
        Path absent = work.resolve("no-such-beir");

        Result result = run("bench", "transforms-effect", "--beir", absent.toString());

        assertThat(result.exit()).isZero();
        assertThat(result.err())
                .isEqualTo("no BEIR collection at " + absent + ": skipping bench transforms-effect (it needs"
                        + " ../shared/data/scifact-train, or pass --beir)" + System.lineSeparator());
        assertThat(result.out()).isEmpty();
    }

    @Test
    void should_answer_the_built_in_contextualize_prompt_with_the_title_and_first_sentence() throws Exception {
        String prompt = TransformPrompts.builtIn(TransformKind.CONTEXTUALIZE)
                .body()
                .replace(
                        "{{document}}",
                        "# Aspirin and stroke\n\nLow doses of aspirin cut the risk by 20%. Older patients gained most.")
                .replace("{{text}}", "Older patients gained most.");

        JsonNode reply = JSON.readTree(ExtractiveStandIn.replyText(prompt));

        assertThat(reply.path("context").asText())
                .isEqualTo("Aspirin and stroke. Low doses of aspirin cut the risk by 20%.");
    }

    @Test
    void should_answer_the_built_in_questions_prompt_with_one_question_per_leading_sentence() throws Exception {
        String prompt = TransformPrompts.builtIn(TransformKind.QUESTIONS)
                .body()
                .replace("{{count}}", "2")
                .replace("{{title}}", "Aspirin and stroke")
                .replace("{{heading}}", "Aspirin and stroke")
                .replace(
                        "{{text}}",
                        "Low doses of aspirin cut the risk of a first stroke by a fifth in the trial's ten years."
                                + " Older patients gained most. BMI had no effect.");

        JsonNode reply = JSON.readTree(ExtractiveStandIn.replyText(prompt));

        assertThat(reply.path("questions"))
                .extracting(JsonNode::asText)
                .containsExactly(
                        "What is known about low doses of aspirin cut the risk of a first stroke by?",
                        "What is known about older patients gained most?");
    }

    @Test
    void should_reply_with_an_empty_object_when_the_prompt_is_not_a_built_in_one() {
        assertThat(ExtractiveStandIn.replyText("Classify the document below.")).isEqualTo("{}");
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SluiceCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    private record Result(int exit, String out, String err) {}
}
