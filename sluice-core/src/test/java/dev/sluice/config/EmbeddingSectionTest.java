package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.embed.EmbeddingModelSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code embedding.model} as an endpoint mapping: what is read, and each mistake named by file, line and key. */
class EmbeddingSectionTest {
    @TempDir
    Path work;

    private SluiceConfig load(String model) throws IOException {
        Path yaml = work.resolve("sluice.yaml");
        Files.writeString(yaml, "embedding:\n  model:\n" + model.indent(4), StandardCharsets.UTF_8);
        return ConfigLoader.load(yaml);
    }

    @Test
    void should_read_an_endpoint_with_its_identity_and_defaults() throws IOException {
        SluiceConfig config = load("""
                endpoint: https://api.openai.com/v1
                model: text-embedding-3-small
                dimensions: 1536
                apiKeyEnv: OPENAI_API_KEY
                """);
        EmbeddingModelSpec spec = config.embedding().custom();
        assertThat(spec.kind()).isEqualTo(EmbeddingModelSpec.Kind.ENDPOINT);
        assertThat(spec.id())
                .isEqualTo("text-embedding-3-small")
                .isEqualTo(config.embedding().model());
        assertThat(spec.version()).isEqualTo("endpoint:api.openai.com/text-embedding-3-small;dim=1536");
        assertThat(spec.dimensions()).isEqualTo(1536);
        assertThat(spec.endpointSettings().embeddingsUri()).hasToString("https://api.openai.com/v1/embeddings");
        assertThat(spec.endpointSettings().batchSize()).isEqualTo(64);
        assertThat(spec.endpointSettings().apiKeyEnv()).isEqualTo("OPENAI_API_KEY");
        assertThat(EffectiveConfig.resolve(config, Flags.NONE).model()).isSameAs(spec);
    }

    @Test
    void should_name_file_line_and_key_of_a_bad_endpoint_mapping() throws IOException {
        assertThatThrownBy(() -> load("endpoint: http://127.0.0.1:11434/v1\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sluice.yaml:")
                .hasMessageContaining("embedding.model.model must name the endpoint's model");
        assertThatThrownBy(() -> load("endpoint: http://127.0.0.1:11434/v1\nmodel: m\nbatchSize: 0\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sluice.yaml:5")
                .hasMessageContaining("embedding.model.batchSize must be > 0, got 0");
        assertThatThrownBy(() -> load("endpoint: http://127.0.0.1:11434/v1\nmodel: m\napiKey: sk-123\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'embedding.model.apiKey' (did you mean 'apiKeyEnv'?)");
        assertThatThrownBy(() -> load("endpoint: ftp://host/v1\nmodel: m\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("must be an http or https URL");
    }
}
