package dev.sluice.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmPartsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void should_price_tokens_exactly_in_picodollars_and_snapshots_like_their_base_model() {
        PriceTable table = PriceTable.defaults();
        assertThat(table.price("gpt-4o-mini").costPicoUsd(1_000_000, 1_000_000)).isEqualTo(750_000_000_000L);
        assertThat(table.price("gpt-4o-mini-2024-07-18")).isEqualTo(table.price("gpt-4o-mini"));
        assertThat(table.price("gpt-4o-2024-08-06")).isEqualTo(table.price("gpt-4o"));
        assertThat(table.price("llama3.1:8b").costPicoUsd(1000, 1000)).isZero();
        assertThat(table.with("llama3.1:8b", PriceTable.Price.perMillion("0.01", "0.02"))
                        .price("llama3.1:8b")
                        .costPicoUsd(3, 2))
                .isEqualTo(3 * 10_000L + 2 * 20_000L);
    }

    @Test
    void should_report_schema_errors_by_path() throws Exception {
        var schema = JSON.readTree("""
                {"type": "object", "required": ["a"], "additionalProperties": false,
                 "properties": {"a": {"type": "array", "items": {"type": "integer"}},
                                "b": {"enum": ["x", "y"]}}}""");
        assertThat(JsonSchemaCheck.errors(schema, JSON.readTree("{\"a\": [1, 2]}")))
                .isEmpty();
        assertThat(JsonSchemaCheck.errors(schema, JSON.readTree("{\"a\": [1, \"2\"], \"b\": \"z\", \"c\": 1}")))
                .containsExactly(
                        "$.a[1]: expected \"integer\", got string",
                        "$.b: \"z\" is not one of [\"x\",\"y\"]",
                        "$: property \"c\" is not allowed");
        assertThat(JsonSchemaCheck.errors(schema, JSON.readTree("[]")))
                .containsExactly("$: expected \"object\", got array");
    }

    @Test
    void should_reject_bad_settings_with_the_parameter_name() {
        assertThatThrownBy(() -> LlmSettings.builder("ftp://x", "m", null).build())
                .hasMessageContaining("llm.baseUrl must be an http or https URL");
        assertThatThrownBy(() -> LlmSettings.builder("http://x/v1", "m", null)
                        .timeoutMillis(0)
                        .build())
                .hasMessage("LlmSettings.timeoutMillis must be > 0, got 0");
    }

    @Test
    void should_recognise_reasoning_models_by_name_after_vendor_and_fine_tune_prefixes() {
        assertThat(List.of(
                        "o1",
                        "o1-mini",
                        "o3-2025-04-16",
                        "O4-mini",
                        "gpt-5",
                        "gpt-5-mini",
                        "gpt-5.1",
                        "openai/o3",
                        "ft:o4-mini-2025-04-16:org::abc"))
                .allMatch(TokenParameter::reasoningModel);
        assertThat(List.of("gpt-4o-mini", "gpt-4.1", "o10", "ollama3", "llama3.1:8b", "gpt-50", "my-o3"))
                .noneMatch(TokenParameter::reasoningModel);
        assertThat(TokenParameter.AUTO.field("o4-mini")).isEqualTo("max_completion_tokens");
        assertThat(TokenParameter.AUTO.field("gpt-4o-mini")).isEqualTo("max_tokens");
        assertThat(TokenParameter.MAX_TOKENS.field("o4-mini")).isEqualTo("max_tokens");
        assertThat(TokenParameter.MAX_COMPLETION_TOKENS.field("gpt-4o-mini")).isEqualTo("max_completion_tokens");
        assertThat(TokenParameter.fromLabel(" Max_Completion_Tokens ")).isEqualTo(TokenParameter.MAX_COMPLETION_TOKENS);
        assertThat(TokenParameter.fromLabel("max_output_tokens")).isNull();
    }

    @Test
    void should_build_azure_deployment_urls_and_refuse_names_that_cannot_be_deployments() {
        LlmSettings azure = LlmSettings.builder("https://r.openai.azure.com/", "gpt-4o-mini", "AZURE_KEY")
                .azure("2025-01-01-preview", Map.of("gpt-4o", "big"))
                .build();
        assertThat(azure.chatCompletionsUri("gpt-4o"))
                .hasToString(
                        "https://r.openai.azure.com/openai/deployments/big/chat/completions?api-version=2025-01-01-preview");
        assertThat(azure.chatCompletionsUri("gpt-4o-mini").getPath())
                .isEqualTo("/openai/deployments/gpt-4o-mini/chat/completions");
        assertThatThrownBy(() -> azure.chatCompletionsUri("llama3.1:8b"))
                .hasMessageContaining("model \"llama3.1:8b\" has no entry in llm.azure.deployments");
        assertThat(azure.toString()).contains("provider=azure", "apiVersion=2025-01-01-preview", "gpt-4o=big");

        assertThatThrownBy(() -> LlmSettings.builder("https://r.openai.azure.com", "m", null)
                        .azure("2024-10-21&x=1", Map.of())
                        .build())
                .hasMessage("llm.azure.apiVersion must be a version such as 2024-10-21, got \"2024-10-21&x=1\"");
        assertThatThrownBy(() -> LlmSettings.builder("https://r.openai.azure.com", "a/b", null)
                        .azure("2024-10-21", Map.of())
                        .build())
                .as("the default model is checked when the settings are made, not at the first call")
                .hasMessageContaining("model \"a/b\" has no entry");
        assertThatThrownBy(() -> LlmSettings.builder("https://r.openai.azure.com/openai/v1", "m", null)
                        .azure("2024-10-21", Map.of())
                        .build())
                .hasMessageContaining("llm.baseUrl for provider azure is the resource alone");
    }

    @Test
    void should_parse_budget_limits_in_dollars_exactly() {
        assertThat(Budget.Limits.usd("5", "0.000001", null, "0").dailyPicoUsd()).isEqualTo(5_000_000_000_000L);
        assertThat(Budget.Limits.usd("5", "0.000001", null, "0").monthlyPicoUsd())
                .isEqualTo(1_000_000L);
    }
}
