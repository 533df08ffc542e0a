package dev.sluice.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
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
                .hasMessage("llm.timeoutMillis must be > 0, got 0");
    }

    @Test
    void should_parse_budget_limits_in_dollars_exactly() {
        assertThat(Budget.Limits.usd("5", "0.000001", null, "0").dailyPicoUsd()).isEqualTo(5_000_000_000_000L);
        assertThat(Budget.Limits.usd("5", "0.000001", null, "0").monthlyPicoUsd())
                .isEqualTo(1_000_000L);
    }
}
