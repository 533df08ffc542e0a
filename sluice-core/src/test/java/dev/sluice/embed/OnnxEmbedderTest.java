package dev.sluice.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OnnxEmbedderTest {
    private static OnnxEmbedder bge;

    @BeforeAll
    static void load() {
        bge = OnnxEmbedder.load(EmbeddingModelSpec.BGE_SMALL_EN_V15_Q, 1);
    }

    @AfterAll
    static void close() {
        bge.close();
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void should_give_unit_vectors_of_the_model_dimension() {
        float[] v = bge.embedPassage("Apache Lucene is a search library written in Java.");
        assertThat(v).hasSize(384);
        assertThat(dot(v, v)).isCloseTo(1.0, within(1e-4));
    }

    @Test
    void should_match_langchain4j_vectors_for_the_same_bge_weights() {
        String text = "Vitamin D deficiency is associated with an increased risk of respiratory infections.";
        float[] ours = bge.embedPassage(text);
        float[] theirs =
                new BgeSmallEnV15QuantizedEmbeddingModel().embed(text).content().vector();
        assertThat(dot(ours, theirs)).isGreaterThan(0.9999);
    }

    @Test
    void should_match_langchain4j_vectors_for_minilm_with_mean_pooling() {
        try (OnnxEmbedder minilm = OnnxEmbedder.load(EmbeddingModelSpec.ALL_MINILM_L6_V2_Q, 1)) {
            String text = "The quick brown fox jumps over the lazy dog.";
            float[] theirs = new AllMiniLmL6V2QuantizedEmbeddingModel()
                    .embed(text)
                    .content()
                    .vector();
            assertThat(dot(minilm.embedPassage(text), theirs)).isGreaterThan(0.9999);
            assertThat(minilm.maxInputTokens()).isEqualTo(126);
        }
    }

    @Test
    void should_rank_the_relevant_passage_first_for_a_query_with_the_instruction_prefix() {
        float[] query = bge.embedQuery("how do plants make energy from light");
        float[] relevant =
                bge.embedPassage("Photosynthesis converts light energy into chemical energy in chloroplasts.");
        float[] unrelated = bge.embedPassage("The stock market closed lower on Tuesday after rate fears.");
        assertThat(dot(query, relevant)).isGreaterThan(dot(query, unrelated) + 0.1);
    }

    @Test
    void should_refuse_a_passage_over_the_token_limit_instead_of_truncating_it() {
        String longText = "word ".repeat(600);
        assertThat(bge.tokenCounter().count(longText)).isEqualTo(600);
        assertThatThrownBy(() -> bge.embedPassage(longText))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("over bge-small-en-v1.5-q's limit of 512");
    }

    @Test
    void should_count_tokens_without_the_artifacts_truncation_for_minilm() {
        try (ModelTokenizer tokenizer = ModelTokenizer.load(EmbeddingModelSpec.ALL_MINILM_L6_V2_Q)) {
            assertThat(tokenizer.count("word ".repeat(300))).isEqualTo(300);
        }
    }

    @Test
    void should_give_token_end_offsets_in_java_string_units_even_with_emoji() {
        String text = "a 😀 b";
        int[] ends = bge.tokenCounter().tokenEndOffsets(text);
        assertThat(ends[ends.length - 1]).isEqualTo(text.length());
    }
}
