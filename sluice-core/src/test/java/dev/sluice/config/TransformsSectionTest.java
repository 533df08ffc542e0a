package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.transform.TransformKind;
import dev.sluice.transform.TransformSettings;
import dev.sluice.transform.TransformStep;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransformsSectionTest {
    private static final String LLM = """
            llm:
              baseUrl: http://127.0.0.1:9/v1
              model: gpt-4o-mini
              strongModel: gpt-4o
            sources:
              - name: handbook
                path: handbook
            """;

    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("sluice.yaml"), yaml);
    }

    @Test
    void should_read_every_kind_with_its_defaults_and_the_llm_models() throws Exception {
        Files.writeString(dir.resolve("doctype.md"), "Pick one of {{labels}} for {{title}}:\n{{text}}\n");
        SluiceConfig config = ConfigLoader.load(write(LLM + """
                transforms:
                  budget: {perRunUsd: 2.00, dailyUsd: 10}
                  concurrency: 3
                  requestsPerMinute: 300
                  steps:
                    - {name: doctype, kind: classify, on: document, labels: [policy, report, faq], prompt: doctype.md, version: v2, sources: [handbook]}
                    - name: fields
                      kind: extract
                      fields: {company: string, fiscal_year: integer, currency: {type: string, enum: [USD, EUR]}}
                    - {name: gist, kind: summarize, model: gpt-4.1-nano}
                    - {name: asks, kind: questions, count: 4}
                    - {name: situate, kind: contextualize, escalateTo: gpt-4.1}
                """));
        TransformSettings t = config.transforms();
        assertThat(t.perRunPicoUsd()).isEqualTo(2_000_000_000_000L);
        assertThat(t.dailyPicoUsd()).isEqualTo(10_000_000_000_000L);
        assertThat(t.concurrency()).isEqualTo(3);
        assertThat(t.requestsPerMinute()).isEqualTo(300);
        assertThat(t.steps()).extracting(TransformStep::kind).containsExactly(TransformKind.values());
        TransformStep doctype = t.step("doctype");
        assertThat(doctype.version()).isEqualTo("v2");
        assertThat(doctype.model()).isEqualTo("gpt-4o-mini");
        assertThat(doctype.escalateTo()).isEqualTo("gpt-4o");
        assertThat(doctype.sources()).containsExactly("handbook");
        assertThat(doctype.prompt().body()).startsWith("Pick one of");
        assertThat(t.step("fields").schema().toString())
                .contains("\"fiscal_year\":{\"type\":[\"integer\",\"null\"]}")
                .contains("\"enum\":[\"USD\",\"EUR\",null]");
        assertThat(t.step("gist").model()).isEqualTo("gpt-4.1-nano");
        assertThat(t.step("gist").version()).startsWith("transform-summarize@");
        assertThat(t.step("asks").count()).isEqualTo(4);
        assertThat(t.step("situate").escalateTo()).isEqualTo("gpt-4.1");
    }

    @Test
    void should_show_each_step_resolved_in_the_effective_settings() throws Exception {
        SluiceConfig config = ConfigLoader.load(write(LLM + """
                transforms:
                  budget: {dailyUsd: 5}
                  steps:
                    - {name: gist, kind: summarize}
                """));
        var settings = EffectiveSettings.of(EffectiveConfig.resolve(config, Flags.NONE));
        java.util.Map<String, Object> byKey = new java.util.HashMap<>();
        settings.forEach(s -> byKey.put(s.key(), s.value()));
        assertThat(byKey)
                .containsEntry("transforms.budget.dailyUsd", "5")
                .containsEntry("transforms.budget.perRunUsd", "none")
                .containsEntry("transforms.steps[0].model", "gpt-4o-mini")
                .containsEntry("transforms.steps[0].escalateTo", "gpt-4o")
                .containsEntry("transforms.steps[0].prompt", "built-in");
        assertThat(settings.stream().filter(s -> s.key().equals("transforms.budget.dailyUsd")))
                .singleElement()
                .satisfies(s -> assertThat(s.origin().toString()).contains("sluice.yaml"));
    }

    @Test
    void should_take_an_extract_schema_as_given_and_refuse_keywords_it_would_not_check() throws Exception {
        SluiceConfig config = ConfigLoader.load(write(LLM + """
                transforms:
                  steps:
                    - name: parties
                      kind: extract
                      schema:
                        type: object
                        properties:
                          buyer: {type: string, minLength: 1}
                          amounts: {type: array, items: {type: number}, maxItems: 5}
                        required: [buyer]
                """));
        TransformStep step = config.transforms().step("parties");
        assertThat(step.metadataKeys()).containsExactly("buyer", "amounts");
        assertThat(step.schema().path("required").toString()).isEqualTo("[\"buyer\"]");
        Path file = write(LLM + """
                transforms:
                  steps:
                    - name: parties
                      kind: extract
                      schema: {type: object, properties: {buyer: {type: string, pattern: "^[A-Z]"}}}
                """);
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessageContaining("transforms.steps[0].schema.properties.buyer uses the keyword 'pattern', which"
                        + " Sluice does not check on outputs");
    }

    @Test
    void should_configure_nothing_without_a_transforms_section() throws Exception {
        assertThat(ConfigLoader.load(write(LLM)).transforms().configured()).isFalse();
    }

    @Test
    void should_refuse_a_prompt_with_an_unknown_variable_naming_file_variable_and_the_allowed_ones() throws Exception {
        Path prompt = Files.writeString(dir.resolve("doctype.md"), "Classify {{text}} for {{audience}}.\n");
        Path file = write(LLM + """
                transforms:
                  steps:
                    - name: doctype
                      kind: classify
                      labels: [a, b]
                      prompt: doctype.md
                """);
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":13: prompt " + prompt.toAbsolutePath().normalize()
                        + " (transforms.steps[0].prompt) uses the unknown variable {{audience}}; the variables"
                        + " allowed are count, document, fields, heading, labels, source, text, title, uri");
    }

    @Test
    void should_refuse_an_unknown_kind_listing_the_kinds() throws Exception {
        Path file = write(LLM + "transforms:\n  steps:\n    - {name: x, kind: translate}\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessage(file + ":10: transforms.steps[0].kind must be classify, extract, summarize, questions or"
                        + " contextualize, got \"translate\"");
    }

    @Test
    void should_refuse_a_classify_without_labels_and_an_extract_without_fields() throws Exception {
        Path classify = write(LLM + "transforms:\n  steps:\n    - {name: x, kind: classify}\n");
        assertThatThrownBy(() -> ConfigLoader.load(classify))
                .hasMessageContaining("transforms.steps[0]: a classify step needs labels, at least two");
        Path extract = write(LLM + "transforms:\n  steps:\n    - {name: x, kind: extract}\n");
        assertThatThrownBy(() -> ConfigLoader.load(extract))
                .hasMessageContaining("transforms.steps[0]: an extract step needs fields");
    }

    @Test
    void should_refuse_bad_fields_scopes_names_sources_and_a_missing_llm() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(
                        write(LLM + "transforms:\n  steps:\n    - {name: x, kind: extract, fields: {year: date}}\n")))
                .hasMessageContaining("transforms.steps[0].fields.year must be one of string, integer, number,"
                        + " boolean, array, got \"date\"");
        assertThatThrownBy(() -> ConfigLoader.load(
                        write(LLM + "transforms:\n  steps:\n    - {name: x, kind: questions, on: document}\n")))
                .hasMessageContaining("transforms.steps[0].on: a questions step runs on each chunk");
        assertThatThrownBy(
                        () -> ConfigLoader.load(
                                write(
                                        LLM
                                                + "transforms:\n  steps:\n    - {name: x, kind: summarize}\n    - {name: x, kind: summarize}\n")))
                .hasMessageContaining("two steps are named 'x'");
        assertThatThrownBy(() -> ConfigLoader.load(
                        write(LLM + "transforms:\n  steps:\n    - {name: x, kind: summarize, sources: [wiki]}\n")))
                .hasMessageContaining("transforms.steps[0].sources[0]: no source is named 'wiki'; known: handbook");
        assertThatThrownBy(() -> ConfigLoader.load(write("transforms:\n  steps:\n    - {name: x, kind: summarize}\n")))
                .hasMessageContaining("transforms.steps call a language model, but sluice.yaml has no llm section");
        assertThatThrownBy(() -> ConfigLoader.load(write(LLM + "transforms:\n  budget: {perRun: 2}\n")))
                .hasMessageContaining("unknown key 'transforms.budget.perRun' (did you mean 'perRunUsd'?)");
        assertThatThrownBy(() -> ConfigLoader.load(write(
                        LLM + "transforms:\n  steps:\n    - {name: x, kind: summarize," + " prompt: missing.md}\n")))
                .hasMessageContaining("transforms.steps[0].prompt: no prompt file at");
    }
}
