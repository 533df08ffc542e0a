package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvInterpolationTest {
    @TempDir
    Path dir;

    private SluiceConfig load(String yaml, Map<String, String> env) throws Exception {
        return ConfigLoader.load(Files.writeString(dir.resolve("sluice.yaml"), yaml), env::get);
    }

    @Test
    void should_replace_variables_in_string_values_when_they_are_set() throws Exception {
        SluiceConfig config =
                load("""
                index: ${DATA}/index
                sources:
                  - name: docs
                    path: ${DATA}/docs
                    include: ["${EXT}"]
                llm:
                  baseUrl: http://${LLM_HOST}/v1
                  model: m
                  apiKeyEnv: LLM_KEY
                """, Map.of("DATA", "data", "EXT", "**/*.md", "LLM_HOST", "127.0.0.1:9", "LLM_KEY", "secret"));
        assertThat(config.index()).isEqualTo(dir.toAbsolutePath().resolve("data/index"));
        assertThat(config.sources().getFirst().path())
                .isEqualTo(dir.toAbsolutePath().resolve("data/docs"));
        assertThat(config.sources().getFirst().include()).containsExactly("**/*.md");
        assertThat(config.llm().settings().baseUrl().toString()).isEqualTo("http://127.0.0.1:9/v1");
        assertThat(config.llm().settings().apiKeyEnv()).isEqualTo("LLM_KEY");
    }

    @Test
    void should_use_the_default_when_the_variable_is_unset_or_empty() throws Exception {
        SluiceConfig unset = load("index: ${DATA:-fallback}/index\n", Map.of());
        SluiceConfig empty = load("index: ${DATA:-fallback}/index\n", Map.of("DATA", ""));
        assertThat(unset.index()).isEqualTo(dir.toAbsolutePath().resolve("fallback/index"));
        assertThat(empty.index()).isEqualTo(dir.toAbsolutePath().resolve("fallback/index"));
    }

    @Test
    void should_write_a_literal_dollar_when_it_is_doubled() throws Exception {
        SluiceConfig config = load("index: a$${B}$$c$d\n", Map.of("B", "no"));
        assertThat(config.index()).isEqualTo(dir.toAbsolutePath().resolve("a${B}$c$d"));
    }

    @Test
    void should_name_file_line_key_and_variable_when_a_variable_is_unset() throws Exception {
        assertThatThrownBy(() -> load("chunking:\n  maxTokens: 100\nindex: ${SLUICE_DATA}/index\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sluice.yaml:3: index uses ${SLUICE_DATA}")
                .hasMessageContaining("SLUICE_DATA is not set")
                .hasMessageContaining("export SLUICE_DATA, or give a default with ${SLUICE_DATA:-VALUE}");
    }

    @Test
    void should_refuse_a_reference_that_is_not_closed_or_not_a_name() throws Exception {
        assertThatThrownBy(() -> load("index: ${DATA/index\n", Map.of("DATA", "x")))
                .hasMessageContaining("sluice.yaml:1: index: '${' is not closed by '}'");
        assertThatThrownBy(() -> load("index: ${1X}\n", Map.of()))
                .hasMessageContaining("sluice.yaml:1: index: '${1X}' does not name an environment variable");
    }

    @Test
    void should_refuse_to_write_a_secret_variable_into_a_setting_that_config_show_prints() throws Exception {
        assertThatThrownBy(() -> load("""
                        llm:
                          baseUrl: http://127.0.0.1:9/v1?key=${LLM_KEY}
                          model: m
                          apiKeyEnv: LLM_KEY
                        """, Map.of("LLM_KEY", "sk-secret")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sluice.yaml:2: llm.baseUrl uses ${LLM_KEY}, the secret that llm.apiKeyEnv names")
                .hasMessageNotContaining("sk-secret");
    }

    @Test
    void should_leave_the_names_of_secret_variables_as_written() throws Exception {
        SluiceConfig config =
                load("llm:\n  baseUrl: http://127.0.0.1:9/v1\n  model: m\n  apiKeyEnv: ${NOT_EXPANDED}\n", Map.of());
        assertThat(config.llm().settings().apiKeyEnv()).isEqualTo("${NOT_EXPANDED}");
    }
}
