package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.backend.Backends;
import dev.sluice.backend.LuceneBackend;
import dev.sluice.core.SluiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code index.backend} and {@code catalog.backend}: the embedded engines by default, shared ones when configured. */
class BackendSectionsTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("sluice.yaml"), yaml);
    }

    @Test
    void should_keep_lucene_and_sqlite_when_nothing_names_a_backend() throws Exception {
        SluiceConfig config = ConfigLoader.load(write("index: idx\n"));
        assertThat(config.backends()).isEqualTo(SluiceConfig.Backends.EMBEDDED);
        assertThat(config.backends().embedded()).isTrue();
        assertThat(SluiceConfig.defaults().backends().embedded()).isTrue();

        Backends backends = Backends.of(config.backends(), config.index(), Map.of());
        assertThat(backends.index()).isInstanceOf(LuceneBackend.class);
        assertThat(backends.catalogExists()).isFalse();
    }

    @Test
    void should_read_an_opensearch_index_and_a_postgresql_catalog_with_their_settings() throws Exception {
        SluiceConfig config = ConfigLoader.load(write("""
                index:
                  path: local
                  backend: opensearch
                  url: http://127.0.0.1:9201
                  prefix: handbook
                  passwordEnv: OS_PASSWORD
                catalog:
                  backend: postgresql
                  url: jdbc:postgresql://127.0.0.1:5432/sluice
                  schema: handbook
                  userEnv: PG_USER
                """));
        assertThat(config.backends().index())
                .isEqualTo(new BackendChoice(
                        "opensearch",
                        Map.of("url", "http://127.0.0.1:9201", "prefix", "handbook", "passwordEnv", "OS_PASSWORD")));
        assertThat(config.backends().catalog().name()).isEqualTo("postgresql");
        assertThat(config.backends().catalog().settings())
                .containsEntry("schema", "handbook")
                .containsEntry("userEnv", "PG_USER");
        assertThat(config.backends().embedded()).isFalse();

        EffectiveConfig effective = EffectiveConfig.resolve(config, Flags.NONE);
        assertThat(EffectiveSettings.of(effective))
                .extracting(s -> s.key() + "=" + s.value())
                .contains("index.backend=opensearch", "index.prefix=handbook", "catalog.backend=postgresql");
        assertThat(effective.origin("catalog.schema").toString()).contains("sluice.yaml:10");
    }

    @Test
    void should_refuse_an_unknown_backend_naming_file_line_and_the_choices() throws Exception {
        Path file = write("index:\n  backend: elastic\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":2: index.backend must be lucene (the default) or opensearch, got \"elastic\"");
        Path catalog = write("catalog:\n  backend: mysql\n");
        assertThatThrownBy(() -> ConfigLoader.load(catalog))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(":2: catalog.backend must be sqlite (the default) or postgresql");
    }

    @Test
    void should_refuse_engine_settings_without_the_engine_and_an_engine_without_its_url() throws Exception {
        Path stray = write("index:\n  path: idx\n  url: http://x:9200\n");
        assertThatThrownBy(() -> ConfigLoader.load(stray))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(":3: index.url is read only with index.backend: opensearch");
        Path noUrl = write("catalog:\n  backend: postgresql\n");
        assertThatThrownBy(() -> ConfigLoader.load(noUrl))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("catalog.backend: postgresql needs catalog.url");
    }

    @Test
    void should_refuse_a_password_in_the_jdbc_url_and_a_bad_schema_or_prefix() throws Exception {
        Path password = write("catalog:\n  backend: postgresql\n  url: jdbc:postgresql://h/db?password=secret\n");
        assertThatThrownBy(() -> ConfigLoader.load(password))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(":3: catalog.url must not carry a password");
        Path schema = write("catalog:\n  backend: postgresql\n  url: jdbc:postgresql://h/db\n  schema: Bad-Name\n");
        assertThatThrownBy(() -> ConfigLoader.load(schema))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(":4: catalog.schema must be lower-case letters");
        Path prefix = write("index:\n  backend: opensearch\n  url: http://h:9200\n  prefix: Upper\n");
        assertThatThrownBy(() -> ConfigLoader.load(prefix))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(":4: index.prefix must be lower-case letters");
    }

    @Test
    void should_name_the_missing_module_when_a_configured_engine_is_not_on_the_class_path() throws Exception {
        SluiceConfig config =
                ConfigLoader.load(write("catalog:\n  backend: postgresql\n  url: jdbc:postgresql://h/db\n"));
        // sluice-core alone carries only the embedded engines
        assertThatThrownBy(() -> Backends.of(config.backends(), config.index(), Map.of()))
                .isInstanceOf(SluiceException.class)
                .hasMessage("catalog.backend: postgresql is not available here: it needs the sluice-postgres module"
                        + " on the class path (the Sluice distribution carries it; an application adds the"
                        + " dev.sluice:sluice-postgres artifact)");
    }
}
