package dev.sluice.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.config.ConfigException;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model configured by path: the shipped bge's own files, copied out of their jar into a folder, give
 * the shipped model's vectors; files that are not an embedding model, missing files and a wrong
 * dimension are refused at load with the file, line and key.
 */
class ModelFromFilesIT {
    static final String BGE_PREFIX = "Represent this sentence for searching relevant passages: ";

    @TempDir
    Path work;

    /** Copies a shipped model's ONNX and tokenizer out of the class path into {@code folder}. */
    static Path extract(EmbeddingModelSpec spec, Path folder) throws IOException {
        Files.createDirectories(folder);
        copy(spec.modelResource(), folder.resolve("model.onnx"));
        copy(spec.tokenizerResource(), folder.resolve("tokenizer.json"));
        return folder;
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = EmbeddingModelSpec.class.getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
    }

    private EffectiveConfig config(String model) throws IOException {
        Path yaml = work.resolve("sluice.yaml");
        Files.writeString(yaml, "index: index\nembedding:\n  model:\n" + model.indent(4), StandardCharsets.UTF_8);
        return EffectiveConfig.resolve(ConfigLoader.load(yaml), Flags.NONE);
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void should_give_the_shipped_models_vectors_when_its_own_files_are_configured_by_path() throws IOException {
        extract(EmbeddingModelSpec.BGE_SMALL_EN_V15_Q, work.resolve("models/bge"));
        EmbeddingModelSpec spec = config("""
                path: models/bge
                pooling: cls
                maxLength: 512
                queryPrefix: "%s"
                """.formatted(BGE_PREFIX)).model();
        assertThat(spec.kind()).isEqualTo(EmbeddingModelSpec.Kind.FILES);
        assertThat(spec.id()).startsWith("onnx-").hasSize("onnx-".length() + 12);
        assertThat(spec.version()).startsWith("file:sha256=").endsWith(";dim=384");
        assertThat(spec.dimensions()).isEqualTo(384);
        String passage = "Lucene is a search library written in Java; it indexes text for fast retrieval.";
        try (OnnxEmbedder fromFiles = OnnxEmbedder.load(spec, 1);
                OnnxEmbedder shipped = OnnxEmbedder.load(EmbeddingModelSpec.BGE_SMALL_EN_V15_Q, 1)) {
            assertThat(cosine(fromFiles.embedPassage(passage), shipped.embedPassage(passage)))
                    .isGreaterThan(0.9999);
            assertThat(cosine(fromFiles.embedQuery("what is lucene"), shipped.embedQuery("what is lucene")))
                    .isGreaterThan(0.9999);
            assertThat(fromFiles.maxInputTokens()).isEqualTo(shipped.maxInputTokens());
        }
    }

    @Test
    void should_make_a_changed_file_or_setting_a_new_model_and_keep_an_explicit_id() throws IOException {
        Path folder = extract(EmbeddingModelSpec.BGE_SMALL_EN_V15_Q, work.resolve("models/m"));
        EmbeddingModelSpec first =
                config("path: models/m\npooling: cls\nid: my-model\n").model();
        EmbeddingModelSpec mean =
                config("path: models/m\npooling: mean\nid: my-model\n").model();
        Files.delete(folder.resolve("model.onnx"));
        Files.delete(folder.resolve("tokenizer.json"));
        extract(EmbeddingModelSpec.ALL_MINILM_L6_V2_Q, folder);
        EmbeddingModelSpec other =
                config("path: models/m\npooling: cls\nid: my-model\n").model();
        assertThat(first.id()).isEqualTo("my-model").isEqualTo(other.id());
        assertThat(first.version()).isNotEqualTo(mean.version()).isNotEqualTo(other.version());
        assertThat(mean.version()).isNotEqualTo(other.version());
    }

    @Test
    void should_refuse_an_onnx_file_that_is_not_an_embedding_model_naming_what_was_expected() throws IOException {
        Path folder = Files.createDirectories(work.resolve("models/tiny"));
        Files.write(folder.resolve("model.onnx"), TinyOnnx.identity());
        copy(EmbeddingModelSpec.BGE_SMALL_EN_V15_Q.tokenizerResource(), folder.resolve("tokenizer.json"));
        assertThatThrownBy(() -> config("path: models/tiny\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sluice.yaml:4")
                .hasMessageContaining("embedding.model.path")
                .hasMessageContaining("is not an embedding model: it takes [x]")
                .hasMessageContaining("takes the inputs input_ids and attention_mask (token_type_ids optional)")
                .hasMessageContaining("last_hidden_state [batch, tokens, dimensions]");
    }

    @Test
    void should_refuse_a_truncated_onnx_file_naming_what_was_expected() throws IOException {
        Path folder = extract(EmbeddingModelSpec.BGE_SMALL_EN_V15_Q, work.resolve("models/cut"));
        byte[] whole = Files.readAllBytes(folder.resolve("model.onnx"));
        Files.write(folder.resolve("model.onnx"), Arrays.copyOf(whole, whole.length / 3));
        assertThatThrownBy(() -> config("path: models/cut\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("embedding.model.path")
                .hasMessageContaining("is not a readable ONNX model")
                .hasMessageContaining(ModelFiles.EXPECTED);
    }

    @Test
    void should_refuse_missing_paths_with_file_line_and_key() throws IOException {
        assertThatThrownBy(() -> config("path: models/nowhere\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sluice.yaml:4")
                .hasMessageContaining("embedding.model.path: ")
                .hasMessageContaining("does not exist");
        Files.createDirectories(work.resolve("models/empty"));
        assertThatThrownBy(() -> config("path: models/empty\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("has no model.onnx");
        assertThatThrownBy(() -> config("onnx: a.onnx\ntokenizer: t.json\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sluice.yaml:4")
                .hasMessageContaining("embedding.model.onnx: ");
        assertThatThrownBy(() -> config("pooling: mean\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("needs path:");
    }

    @Test
    void should_refuse_declared_dimensions_the_model_does_not_give_naming_both() throws IOException {
        extract(EmbeddingModelSpec.BGE_SMALL_EN_V15_Q, work.resolve("models/bge"));
        assertThatThrownBy(() -> config("path: models/bge\ndimensions: 768\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("embedding.model.dimensions")
                .hasMessageContaining("gives 384-dimension vectors, but embedding.model.dimensions is 768");
    }
}
