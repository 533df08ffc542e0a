package dev.sluice.lineage;

import dev.sluice.core.Checks;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the OpenLineage events of ingest runs go ({@code lineage:} in sluice.yaml).
 *
 * @param transport where events go; {@link Transport#NONE} (the default) sends nothing
 * @param url the receiver's base URL ({@code http://localhost:5000} for Marquez); http only, else null
 * @param endpoint the path under {@code url} events are POSTed to
 * @param apiKeyEnv the environment variable holding a bearer token for the receiver, or null for none
 * @param path the file events are appended to, one JSON object a line; file only, else null
 * @param namespace the job namespace
 * @param job the job name, or null for the knowledge base's name followed by {@code .sync}
 * @param timeoutMillis how long one event may take to send (connect and answer each)
 */
public record LineageSettings(
        Transport transport,
        URI url,
        String endpoint,
        String apiKeyEnv,
        Path path,
        String namespace,
        String job,
        int timeoutMillis) {

    /** Where events go. */
    public enum Transport {
        NONE,
        HTTP,
        FILE,
        CONSOLE;

        /** As written in sluice.yaml. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final String DEFAULT_ENDPOINT = "/api/v1/lineage";
    public static final String DEFAULT_NAMESPACE = "sluice";
    /** Short: an event that cannot be delivered in this time is dropped (and said so once), never waited for. */
    public static final int DEFAULT_TIMEOUT_MILLIS = 3_000;

    /** No events. */
    public static final LineageSettings NONE = new LineageSettings(
            Transport.NONE, null, DEFAULT_ENDPOINT, null, null, DEFAULT_NAMESPACE, null, DEFAULT_TIMEOUT_MILLIS);

    public LineageSettings {
        Checks.notNull("lineage.transport", transport);
        endpoint = endpoint == null || endpoint.isBlank() ? DEFAULT_ENDPOINT : endpoint;
        namespace = namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace;
        Checks.positive("lineage.timeoutMs", timeoutMillis);
        if (transport == Transport.HTTP && url == null) {
            throw new IllegalArgumentException("lineage.url is required when lineage.transport is http");
        }
        if (transport == Transport.FILE && path == null) {
            throw new IllegalArgumentException("lineage.path is required when lineage.transport is file");
        }
    }

    /** Events to the receiver at {@code url} (Marquez, or any OpenLineage HTTP endpoint). */
    public static LineageSettings http(URI url) {
        return new LineageSettings(
                Transport.HTTP, url, DEFAULT_ENDPOINT, null, null, DEFAULT_NAMESPACE, null, DEFAULT_TIMEOUT_MILLIS);
    }

    /** Events appended to {@code path}, one a line. */
    public static LineageSettings file(Path path) {
        return new LineageSettings(
                Transport.FILE, null, DEFAULT_ENDPOINT, null, path, DEFAULT_NAMESPACE, null, DEFAULT_TIMEOUT_MILLIS);
    }

    public boolean enabled() {
        return transport != Transport.NONE;
    }

    public LineageSettings withJob(String name) {
        return new LineageSettings(transport, url, endpoint, apiKeyEnv, path, namespace, name, timeoutMillis);
    }

    public LineageSettings withTimeoutMillis(int millis) {
        return new LineageSettings(transport, url, endpoint, apiKeyEnv, path, namespace, job, millis);
    }
}
