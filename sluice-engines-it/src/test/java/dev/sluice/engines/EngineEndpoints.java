package dev.sluice.engines;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Locale;

/**
 * Where the development engines are: a system property, then an environment variable, then the default of the
 * script that starts the engine (scripts/engines/*.sh print the same variables).
 */
final class EngineEndpoints {

    private EngineEndpoints() {}

    /** The OpenSearch HTTP URL: {@code -Dsluice.opensearch.url}, {@code SLUICE_OPENSEARCH_URL}, else port 9201. */
    static String openSearchUrl() {
        return setting(
                "sluice.opensearch.url",
                "SLUICE_OPENSEARCH_URL",
                "http://127.0.0.1:" + setting("sluice.opensearch.port", "SLUICE_OPENSEARCH_PORT", "9201"));
    }

    static String postgresUrl() {
        return setting(
                "sluice.pg.url",
                "SLUICE_PG_URL",
                "jdbc:postgresql://127.0.0.1:5432/"
                        + setting("sluice.pg.database", "SLUICE_PG_DATABASE", "sluice_test"));
    }

    static String postgresUser() {
        return setting("sluice.pg.user", "SLUICE_PG_USER", "sluice_test");
    }

    static String postgresPassword() {
        return setting("sluice.pg.password", "SLUICE_PG_PASSWORD", "sluice_test");
    }

    /**
     * Fails (never skips) when nothing listens at the engine's host and port, naming the script that starts it.
     *
     * @param url an http or jdbc:postgresql URL
     * @param script the script that starts the engine, for the message
     */
    static void requireListening(String url, String script) {
        URI uri = URI.create(url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url);
        String host = uri.getHost();
        int port = uri.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
        } catch (IOException e) {
            throw new AssertionError(String.format(
                    Locale.ROOT,
                    "nothing answers at %s (%s); start the engine with `%s start` (run it from the repository root"
                            + " as root), or point the tests elsewhere with the variable that script prints",
                    url,
                    e.getMessage(),
                    script));
        }
    }

    private static String setting(String property, String variable, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
