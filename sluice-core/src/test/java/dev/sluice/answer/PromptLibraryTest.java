package dev.sluice.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptLibraryTest {
    @TempDir
    Path dir;

    @Test
    void should_load_the_built_in_answer_prompt_with_a_content_version() {
        Prompt answer = PromptLibrary.load(null).get("answer");
        assertThat(answer.origin()).isEqualTo("built-in");
        assertThat(answer.version()).matches("answer@[0-9a-f]{12}");
        assertThat(answer.render(Map.of("passages", "[1] Tides follow the moon.", "question", "Why tides?")))
                .contains("[1] Tides follow the moon.")
                .contains("Question: Why tides?")
                .doesNotContain("{{");
    }

    @Test
    void should_let_a_project_file_override_a_built_in_and_version_it_by_its_body() throws Exception {
        Prompt builtIn = PromptLibrary.load(null).get("answer");
        Files.writeString(dir.resolve("answer.md"), "---\nname: answer\ndescription: shorter\n---\n" + builtIn.body());
        Prompt sameBody = PromptLibrary.load(dir).get("answer");
        assertThat(sameBody.origin()).endsWith("answer.md");
        assertThat(sameBody.version())
                .as("the description is not part of the version")
                .isEqualTo(builtIn.version());

        Files.writeString(
                dir.resolve("answer.md"), "---\ndescription: terse\n---\nAnswer {{question}} from {{passages}}.\n");
        Prompt edited = PromptLibrary.load(dir).get("answer");
        assertThat(edited.version()).startsWith("answer@").isNotEqualTo(builtIn.version());
    }

    @Test
    void should_name_the_file_of_a_bad_prompt() throws Exception {
        Path noFront = Files.writeString(dir.resolve("plain.md"), "Answer the question.\n");
        assertThatThrownBy(() -> PromptLibrary.read(noFront))
                .hasMessageStartingWith(noFront + ": a prompt starts with front matter");
        Path unknown = Files.writeString(dir.resolve("odd.md"), "---\nname: odd\ntemperature: 2\n---\nHi\n");
        assertThatThrownBy(() -> PromptLibrary.read(unknown))
                .hasMessage(unknown + ": unknown front matter key 'temperature'; known: description, name");
        assertThatThrownBy(() -> PromptLibrary.load(null).get("summarize"))
                .hasMessageContaining("no prompt named 'summarize'; known: answer");
    }

    @Test
    void should_refuse_to_render_a_placeholder_without_a_value() {
        Prompt p = PromptLibrary.parse("---\nname: t\n---\nHello {{who}}\n", "t", "test.md");
        assertThatThrownBy(() -> p.render(Map.of()))
                .hasMessageContaining("prompt t@")
                .hasMessageContaining("needs a value for {{who}}");
    }
}
