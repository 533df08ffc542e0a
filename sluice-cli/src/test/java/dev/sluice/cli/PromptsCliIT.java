package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice prompts show | diff --json} on the built-in prompts and an edited copy. */
class PromptsCliIT {
    @TempDir
    Path work;

    @Test
    void should_print_a_prompt_as_json_with_its_version_origin_and_body_when_asked() throws Exception {
        SluiceCliIT.Run show = SluiceCliIT.run("prompts", "show", "answer", "--prompts", prompts(), "--json");

        assertThat(show.exit()).as(show.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(show.out());
        assertThat(json.get("name").asText()).isEqualTo("answer");
        assertThat(json.get("version").asText()).matches("answer@[0-9a-f]{12}");
        assertThat(json.get("origin").asText()).isNotBlank();
        assertThat(json.get("description").asText()).contains("NOT_IN_CONTEXT");
        assertThat(json.get("body").asText()).contains("You answer questions");
    }

    @Test
    void should_print_the_diff_of_two_prompts_as_json_lines_and_say_when_they_are_the_same() throws Exception {
        String builtIn = new ObjectMapper()
                .readTree(SluiceCliIT.run("prompts", "show", "answer", "--prompts", prompts(), "--json")
                        .out())
                .get("body")
                .asText();
        Path edited = work.resolve("answer.md");
        Files.writeString(
                edited,
                "---\nname: answer\ndescription: mine\n---\n" + builtIn.replace("three sentences", "two sentences"),
                StandardCharsets.UTF_8);

        SluiceCliIT.Run diff =
                SluiceCliIT.run("prompts", "diff", "answer", edited.toString(), "--prompts", prompts(), "--json");

        assertThat(diff.exit()).as(diff.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(diff.out());
        assertThat(json.get("a").get("name").asText()).isEqualTo("answer");
        assertThat(json.get("b").get("origin").asText()).contains("answer.md");
        assertThat(json.get("same").asBoolean()).isFalse();
        assertThat(json.get("diff").toString())
                .contains("-- Keep the answer short: three sentences")
                .contains("+- Keep the answer short: two sentences");

        SluiceCliIT.Run same = SluiceCliIT.run("prompts", "diff", "answer", "answer", "--prompts", prompts(), "--json");
        JsonNode sameJson = new ObjectMapper().readTree(same.out());
        assertThat(sameJson.get("same").asBoolean()).isTrue();
        assertThat(sameJson.get("diff")).isEmpty();
    }

    private String prompts() {
        return work.resolve("no-prompts").toString(); // absent: the built-ins only
    }
}
