package dev.sluice.bench;

import dev.sluice.config.ConfigLoader;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.core.SluiceException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The shared engines one {@code bench scale-out} run uses: an OpenSearch index prefix and a PostgreSQL
 * schema of its own ({@code sluice-bench-<id>}, {@code sluice_bench_<id>}), named in a sluice.yaml written to
 * the work folder, and removed by {@link #close} (indexes deleted, schema dropped) however the run ended.
 * Sluice reaches the engines only through that file and {@code dev.sluice.backend.Backends}; the cleanup
 * speaks plain REST and plain JDBC. The PostgreSQL password is read from the environment
 * ({@code SLUICE_PG_PASSWORD}, default the development scripts' {@code sluice_test}), never a flag.
 */
final class ScaleOutEngines implements AutoCloseable {
    static final String USER_VARIABLE = "SLUICE_BENCH_PG_USER";
    static final String PASSWORD_VARIABLE = "SLUICE_BENCH_PG_PASSWORD";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String openSearchUrl;
    private final String postgresUrl;
    private final String user;
    private final String password;
    final String prefix;
    final String schema;
    final Path config;
    private final Map<String, String> environment;

    private ScaleOutEngines(String openSearchUrl, String postgresUrl, String user, String password, Path work)
            throws IOException {
        this.openSearchUrl = openSearchUrl.replaceAll("/+$", "");
        this.postgresUrl = postgresUrl;
        this.user = user;
        this.password = password;
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        this.prefix = "sluice-bench-" + id;
        this.schema = "sluice_bench_" + id;
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put(USER_VARIABLE, user);
        env.put(PASSWORD_VARIABLE, password);
        this.environment = Map.copyOf(env);
        this.config = work.resolve("sluice.yaml");
        Files.writeString(config, yaml(work.resolve("scale-out-local")), StandardCharsets.UTF_8);
    }

    /** Checks that both engines answer, then names a fresh prefix and schema for this run. */
    static ScaleOutEngines open(String openSearchUrl, String postgresUrl, String user, String password, Path work)
            throws IOException {
        requireOpenSearch(openSearchUrl);
        try (Connection c = DriverManager.getConnection(postgresUrl, user, password)) {
            c.isValid(5);
        } catch (SQLException e) {
            throw new SluiceException("PostgreSQL does not accept a connection at " + postgresUrl
                    + " (--pg-url, user --pg-user, password $SLUICE_PG_PASSWORD): " + e.getMessage()
                    + "; start it with scripts/engines/postgres.sh start");
        }
        return new ScaleOutEngines(openSearchUrl, postgresUrl, user, password, work);
    }

    private static void requireOpenSearch(String url) {
        try (HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            int status = http.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(TIMEOUT)
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            if (status != 200) {
                throw new SluiceException(
                        "OpenSearch at " + url + " (--opensearch-url) answered HTTP " + status + " to GET /");
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new SluiceException("OpenSearch does not answer at " + url + " (--opensearch-url): " + e.getMessage()
                    + "; start it with scripts/engines/opensearch.sh start");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SluiceException("interrupted while reaching OpenSearch at " + url);
        }
    }

    private String yaml(Path local) {
        return """
                index:
                  path: %s
                  backend: opensearch
                  url: %s
                  prefix: %s
                catalog:
                  backend: postgresql
                  url: %s
                  schema: %s
                  userEnv: %s
                  passwordEnv: %s
                """.formatted(local, openSearchUrl, prefix, postgresUrl, schema, USER_VARIABLE, PASSWORD_VARIABLE);
    }

    /** The effective configuration of the scale-out knowledge base (its sluice.yaml, no flags). */
    EffectiveConfig effective() {
        return EffectiveConfig.resolve(ConfigLoader.load(config, environment::get), Flags.NONE);
    }

    /** The environment the knowledge base reads its secrets from. */
    Map<String, String> environment() {
        return environment;
    }

    /** Where the engines are, for the report. */
    String describe() {
        return String.format(
                Locale.ROOT,
                "OpenSearch %s (prefix %s), PostgreSQL %s (schema %s)",
                openSearchUrl,
                prefix,
                postgresUrl.replaceAll("\\?.*", ""),
                schema);
    }

    /**
     * OpenSearch's own count of search requests on this run's indexes and the milliseconds it spent in them
     * (query and fetch phases, one shard), from {@code GET <prefix>-*\/_stats/search}: {requests, millis}.
     * The difference from the client's time is the HTTP round trip and the JSON on both sides.
     */
    double[] searchStats() {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(URI.create(openSearchUrl + "/" + prefix + "-*/_stats/search"))
                            .timeout(TIMEOUT)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            com.fasterxml.jackson.databind.JsonNode search = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(answer.body())
                    .path("_all")
                    .path("primaries")
                    .path("search");
            return new double[] {
                search.path("query_total").asDouble(),
                search.path("query_time_in_millis").asDouble()
                        + search.path("fetch_time_in_millis").asDouble()
            };
        } catch (IOException e) {
            return new double[] {Double.NaN, Double.NaN};
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new double[] {Double.NaN, Double.NaN};
        }
    }

    @Override
    public void close() {
        List<String> problems = new ArrayList<>();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> names = http.send(
                    HttpRequest.newBuilder(URI.create(openSearchUrl + "/_cat/indices/" + prefix + "-*?h=index"))
                            .timeout(TIMEOUT)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            for (String name : names.body().lines().map(String::strip).toList()) {
                if (name.startsWith(prefix + "-")) {
                    http.send(
                            HttpRequest.newBuilder(URI.create(openSearchUrl + "/" + name))
                                    .timeout(TIMEOUT)
                                    .DELETE()
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                }
            }
        } catch (IOException e) {
            problems.add("indexes " + prefix + "-* in OpenSearch: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add("indexes " + prefix + "-* in OpenSearch: interrupted");
        }
        try (Connection c = DriverManager.getConnection(postgresUrl, user, password);
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            problems.add("schema " + schema + " in PostgreSQL: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new SluiceException(
                    "bench scale-out could not remove what it created; remove by hand: " + String.join("; ", problems));
        }
    }
}
