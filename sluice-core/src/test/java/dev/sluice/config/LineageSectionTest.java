package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.lineage.LineageSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineageSectionTest {
    @TempDir
    Path dir;

    private LineageSettings load(String yaml) throws Exception {
        return ConfigLoader.load(Files.writeString(dir.resolve("sluice.yaml"), yaml))
                .lineage();
    }

    @Test
    void should_send_nothing_without_a_lineage_section() throws Exception {
        assertThat(load("sources:\n  - path: docs\n")).isEqualTo(LineageSettings.NONE);
        assertThat(LineageSettings.NONE.enabled()).isFalse();
    }

    @Test
    void should_read_an_http_receiver_with_the_marquez_endpoint_by_default() throws Exception {
        LineageSettings s = load("""
                lineage:
                  transport: http
                  url: http://localhost:5000
                  apiKeyEnv: MARQUEZ_KEY
                  namespace: acme
                  job: handbook.nightly
                  timeoutMs: 800
                """);
        assertThat(s.transport()).isEqualTo(LineageSettings.Transport.HTTP);
        assertThat(s.url()).isEqualTo(URI.create("http://localhost:5000"));
        assertThat(s.endpoint()).isEqualTo("/api/v1/lineage");
        assertThat(s.apiKeyEnv()).isEqualTo("MARQUEZ_KEY");
        assertThat(s.namespace()).isEqualTo("acme");
        assertThat(s.job()).isEqualTo("handbook.nightly");
        assertThat(s.timeoutMillis()).isEqualTo(800);
    }

    @Test
    void should_list_the_lineage_keys_with_their_lines_in_the_effective_settings() throws Exception {
        Path yaml = Files.writeString(
                dir.resolve("sluice.yaml"), "lineage:\n  transport: file\n  path: lineage.jsonl\n  job: kb.nightly\n");
        var settings = EffectiveSettings.of(EffectiveConfig.resolve(ConfigLoader.load(yaml), Flags.NONE));
        assertThat(settings)
                .filteredOn(s -> s.key().startsWith("lineage."))
                .extracting(EffectiveSettings.Setting::key)
                .containsExactly(
                        "lineage.transport", "lineage.path", "lineage.namespace", "lineage.job", "lineage.timeoutMs");
        assertThat(settings)
                .filteredOn(s -> s.key().equals("lineage.job"))
                .singleElement()
                .satisfies(s -> assertThat(s.value()).isEqualTo("kb.nightly"));
    }

    @Test
    void should_resolve_the_file_path_beside_sluice_yaml() throws Exception {
        LineageSettings s = load("lineage:\n  transport: file\n  path: out/lineage.jsonl\n");
        assertThat(s.path()).isEqualTo(dir.toAbsolutePath().resolve("out/lineage.jsonl"));
        assertThat(s.namespace()).isEqualTo("sluice");
        assertThat(s.job()).isNull();
    }

    @Test
    void should_name_the_line_the_key_and_the_fix_when_a_setting_is_wrong() {
        assertThatThrownBy(() -> load("lineage:\n  transport: kafka\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sluice.yaml:2")
                .hasMessageContaining("lineage.transport must be one of none, http, file, console");
        assertThatThrownBy(() -> load("lineage:\n  transport: http\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("lineage.url is missing")
                .hasMessageContaining("http://localhost:5000");
        assertThatThrownBy(() -> load("lineage:\n  transport: file\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("lineage.path is missing");
        assertThatThrownBy(() -> load("lineage:\n  transport: http\n  url: localhost:5000\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("lineage.url must be an http or https URL");
        assertThatThrownBy(() -> load("lineage:\n  transport: http\n  url: http://h\n  endpoint: api\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("lineage.endpoint must be a path starting with /");
        assertThatThrownBy(() -> load("lineage:\n  transport: console\n  timeout: 5\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("timeoutMs");
    }
}
