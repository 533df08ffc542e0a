package dev.sluice.opensearch;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/**
 * Where the development OpenSearch is (as sluice-engines-it's EngineEndpoints finds it): {@code
 * -Dsluice.opensearch.url}, {@code SLUICE_OPENSEARCH_URL}, else http://127.0.0.1:9201. The engine tests fail,
 * never skip, when nothing answers there.
 */
final class TestEngine {
    private TestEngine() {}

    static String url() {
        String value = System.getProperty("sluice.opensearch.url");
        if (value == null || value.isBlank()) {
            value = System.getenv("SLUICE_OPENSEARCH_URL");
        }
        return value == null || value.isBlank() ? "http://127.0.0.1:9201" : value.strip();
    }

    static void requireListening(String url) {
        URI uri = URI.create(url);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2_000);
        } catch (IOException e) {
            throw new AssertionError(
                    "nothing answers at " + url + " (" + e.getMessage() + "); start OpenSearch with"
                            + " `scripts/engines/opensearch.sh start`, or point the tests elsewhere with SLUICE_OPENSEARCH_URL");
        }
    }
}
