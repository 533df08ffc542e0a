package dev.sluice.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.backend.BackendOptions;
import dev.sluice.backend.BackendProvider;
import dev.sluice.backend.IndexBackend;
import dev.sluice.core.SluiceException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Configuration and failures that need no engine: the provider, bad settings, an engine that does not answer. */
class OpenSearchBackendProviderTest {
    private static BackendOptions options(Map<String, String> settings, Map<String, String> environment) {
        return new BackendOptions("index", "opensearch", Path.of("kb"), settings, environment);
    }

    private static IndexBackend open(Map<String, String> settings, Map<String, String> environment) {
        BackendProvider provider = ServiceLoader.load(BackendProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("opensearch"))
                .findFirst()
                .orElseThrow();
        assertThat(provider.serves("index")).isTrue();
        assertThat(provider.serves("catalog")).isFalse();
        return provider.index(options(settings, environment));
    }

    @Test
    void should_be_found_by_service_loader_and_default_the_prefix_to_sluice() {
        IndexBackend backend = open(Map.of("url", "http://127.0.0.1:9"), Map.of());

        assertThat(backend.name()).isEqualTo("opensearch");
        assertThat(backend.describe()).isEqualTo("http://127.0.0.1:9 (alias sluice)");
    }

    @Test
    void should_name_index_url_when_it_is_missing() {
        assertThatThrownBy(() -> open(Map.of("prefix", "kb"), Map.of()))
                .isInstanceOf(SluiceException.class)
                .hasMessage("index.url is required with index.backend: opensearch");
    }

    @Test
    void should_name_the_setting_when_a_credential_variable_is_not_set() {
        assertThatThrownBy(() -> open(Map.of("url", "http://127.0.0.1:9", "usernameEnv", "OS_USER"), Map.of()))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("index.usernameEnv names the environment variable OS_USER");
    }

    @Test
    void should_refuse_a_prefix_that_is_not_an_index_name() {
        assertThatThrownBy(() -> open(Map.of("url", "http://127.0.0.1:9", "prefix", "My KB"), Map.of()))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("index.prefix must be lower-case")
                .hasMessageContaining("'My KB'");
    }

    @Test
    void should_say_the_engine_does_not_answer_naming_index_url_when_nothing_listens() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        IndexBackend backend = open(Map.of("url", "http://127.0.0.1:" + port), Map.of());

        assertThatThrownBy(backend::activeSettings)
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("OpenSearch at http://127.0.0.1:" + port + " (index.url) does not answer")
                .hasMessageContaining("start it, or set index.url");
    }
}
