package dev.sluice.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.embed.EmbeddingModelSpec;
import org.junit.jupiter.api.Test;

class ChunkerSettingsTest {

    @Test
    void should_default_to_256_tokens_with_32_of_overlap() {
        assertThat(ChunkerSettings.defaults()).isEqualTo(new ChunkerSettings(256, 32));
    }

    @Test
    void should_name_the_setting_and_the_value_when_max_tokens_is_not_positive() {
        assertThatThrownBy(() -> new ChunkerSettings(-3, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chunking.maxTokens must be > 0, got -3");
        assertThatThrownBy(() -> new ChunkerSettings(0, 0)).hasMessage("chunking.maxTokens must be > 0, got 0");
    }

    @Test
    void should_reject_overlap_of_half_the_chunk_or_more_and_say_how_to_fix_it() {
        assertThatThrownBy(() -> new ChunkerSettings(256, 128))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "chunking.overlapTokens must be between 0 and 127 (less than half of chunking.maxTokens=256), got 128;"
                                + " lower chunking.overlapTokens or raise chunking.maxTokens");
        assertThatThrownBy(() -> new ChunkerSettings(256, -1))
                .hasMessageStartingWith("chunking.overlapTokens must be between 0 and 127");
        assertThat(new ChunkerSettings(256, 127).overlapTokens()).isEqualTo(127);
        assertThat(new ChunkerSettings(1, 0).maxTokens()).isEqualTo(1);
    }

    @Test
    void should_fail_when_max_tokens_exceeds_the_model_limit_naming_both_numbers() {
        EmbeddingModelSpec miniLm = EmbeddingModelSpec.ALL_MINILM_L6_V2_Q;
        assertThatThrownBy(
                        () -> ChunkerSettings.defaults().requireWithinModelLimit(miniLm.id(), miniLm.maxChunkTokens()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chunking.maxTokens is 256")
                .hasMessageContaining("all-minilm-l6-v2-q")
                .hasMessageContaining("at most 126 tokens")
                .hasMessageContaining("set chunking.maxTokens <= 126");
    }

    @Test
    void should_accept_settings_within_the_model_limit() {
        EmbeddingModelSpec bge = EmbeddingModelSpec.BGE_SMALL_EN_V15_Q;
        ChunkerSettings settings = new ChunkerSettings(510, 64);
        assertThat(settings.requireWithinModelLimit(bge.id(), bge.maxChunkTokens()))
                .isSameAs(settings);
        assertThatThrownBy(() -> new ChunkerSettings(511, 64).requireWithinModelLimit(bge.id(), bge.maxChunkTokens()))
                .hasMessageContaining("chunking.maxTokens is 511")
                .hasMessageContaining("at most 510 tokens");
    }

    @Test
    void should_lower_the_defaults_to_fit_a_small_model() {
        assertThat(ChunkerSettings.defaultsWithin(EmbeddingModelSpec.ALL_MINILM_L6_V2_Q.maxChunkTokens()))
                .isEqualTo(new ChunkerSettings(126, 32));
        assertThat(ChunkerSettings.defaultsWithin(EmbeddingModelSpec.BGE_SMALL_EN_V15_Q.maxChunkTokens()))
                .isEqualTo(ChunkerSettings.defaults());
        assertThat(ChunkerSettings.defaultsWithin(40)).isEqualTo(new ChunkerSettings(40, 19));
    }
}
