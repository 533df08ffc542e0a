package dev.sluice.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.backend.Backends;
import dev.sluice.backend.CatalogStores;
import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import java.io.IOException;
import java.net.Socket;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * One knowledge base on the development engines (OpenSearch at {@value #OPENSEARCH}, PostgreSQL at
 * {@value #POSTGRES}, started by scripts/engines/): a fresh schema and index prefix, and a sluice.yaml naming
 * them and a folder; {@link #close} drops both. Secrets come from the variables the failsafe configuration
 * sets, as a user's would. Also what tests read behind Sluice's back: the catalog's chunk rows and every
 * chunk id OpenSearch holds.
 */
final class ScaleOutKb implements AutoCloseable {
    static final String OPENSEARCH = "http://127.0.0.1:9201";
    static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/sluice_test";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final Path config;
    final String schema;
    final String prefix;

    ScaleOutKb(Path folder, Path docs, String extra) throws IOException {
        requireListening(9201, "OpenSearch", "scripts/engines/opensearch.sh");
        requireListening(5432, "PostgreSQL", "scripts/engines/postgres.sh");
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        schema = "sluice_spark_" + id;
        prefix = "sluice-spark-" + id;
        Files.createDirectories(folder);
        config = folder.resolve("sluice.yaml");
        Files.writeString(
                config, """
                index:
                  path: local
                  backend: opensearch
                  url: %s
                  prefix: %s
                catalog:
                  backend: postgresql
                  url: %s
                  schema: %s
                  userEnv: SLUICE_IT_PG_USER
                  passwordEnv: SLUICE_IT_PG_PASSWORD
                sources:
                  - name: docs
                    path: %s
                %s""".formatted(OPENSEARCH, prefix, POSTGRES, schema, docs, extra), StandardCharsets.UTF_8);
    }

    private static void requireListening(int port, String engine, String script) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            assertThat(socket.isConnected()).isTrue();
        } catch (IOException e) {
            Assumptions.abort(engine + " is not listening on 127.0.0.1:" + port + "; start it with " + script);
        }
    }

    EffectiveConfig effective() {
        return EffectiveConfig.resolve(ConfigLoader.load(config), Flags.NONE);
    }

    CatalogStores openCatalog() {
        EffectiveConfig c = effective();
        return Backends.of(c.backends(), c.index(), System.getenv()).openCatalog();
    }

    /** Every chunk row of the catalog, id to content hash; a duplicate id fails. */
    Map<String, String> catalogChunks() {
        Map<String, String> out = new TreeMap<>();
        try (CatalogStores catalog = openCatalog()) {
            for (String uri : catalog.documents().keySet()) {
                for (Catalog.ChunkRow row : catalog.chunks(uri)) {
                    assertThat(out.put(row.id(), row.contentHash()))
                            .as("chunk %s recorded twice", row.id())
                            .isNull();
                }
            }
        }
        return out;
    }

    /** Every document with its state, content hash and chunk count. */
    Map<String, String> documents() {
        Map<String, String> out = new TreeMap<>();
        try (CatalogStores catalog = openCatalog()) {
            for (DocumentRecord d : catalog.documents().values()) {
                out.put(d.uri(), d.status() + " " + d.contentHash() + " " + d.chunkCount());
            }
        }
        return out;
    }

    /** Every chunk id the knowledge base's indexes hold after a refresh (what any later commit would show). */
    List<String> indexedChunkIds() {
        send("POST", "/" + prefix + "*/_refresh", null);
        JsonNode hits = send(
                        "POST",
                        "/" + prefix + "*/_search",
                        "{\"size\":10000,\"_source\":false,\"query\":{\"match_all\":{}}}")
                .path("hits")
                .path("hits");
        List<String> ids = new ArrayList<>();
        hits.forEach(hit -> ids.add(hit.path("_id").asText()));
        return ids.stream().sorted().toList();
    }

    /** Chunk writes OpenSearch took so far, published or not (its indexing statistics). */
    long chunkWrites() {
        JsonNode indices = send("GET", "/" + prefix + "*/_stats/indexing", null).path("indices");
        long total = 0;
        for (JsonNode index : indices) {
            total += index.path("total").path("indexing").path("index_total").asLong();
        }
        return total;
    }

    /** Chunks searchers see now, without a refresh. */
    int visibleChunks() {
        return send("GET", "/" + prefix + "/_count", null).path("count").asInt();
    }

    private static JsonNode send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(OPENSEARCH + path))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A run's status in the catalog's {@code runs} table, read behind Sluice's back; null before it exists. */
    String runStatus(long runId) {
        try (Connection c = connect();
                Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT status FROM " + schema + ".runs WHERE id = " + runId)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            return null; // the schema is not migrated yet
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(POSTGRES, "sluice_test", "sluice_test");
    }

    @Override
    public void close() {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop schema " + schema + ": " + e.getMessage(), e);
        }
        send("DELETE", "/" + prefix + "*", null);
    }
}
