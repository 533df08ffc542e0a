package dev.sluice.engines;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One knowledge base on the development engines for an end-to-end test: a fresh PostgreSQL schema (and,
 * with {@code opensearch}, a fresh index prefix), a folder of documents, and a sluice.yaml naming them;
 * {@link #close} drops the schema and deletes the indexes. The CLI runs in this JVM ({@link #cli}); the
 * secrets come from the variables the failsafe configuration of this module sets
 * ({@code SLUICE_IT_PG_USER}, {@code SLUICE_IT_PG_PASSWORD}), as a user's would.
 */
final class ScaleOut implements AutoCloseable {
    static final List<String> CORPUS = List.of("canals.md", "glaciers.md", "rivers.md", "coffee.md");

    final Path folder;
    final Path docs;
    final Path config;
    final String schema;
    final String prefix;
    final boolean openSearch;
    private final List<String> dropped = new ArrayList<>();

    /** The CLI's exit code and what it printed. */
    record Run(int exit, String out, String err) {}

    ScaleOut(Path folder, boolean openSearch) throws IOException {
        EngineEndpoints.requireListening(EngineEndpoints.postgresUrl(), "scripts/engines/postgres.sh");
        if (openSearch) {
            EngineEndpoints.requireListening(EngineEndpoints.openSearchUrl(), "scripts/engines/opensearch.sh");
        }
        this.folder = folder;
        this.openSearch = openSearch;
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        this.schema = "sluice_e2e_" + id;
        this.prefix = "sluice-e2e-" + id;
        this.docs = Files.createDirectories(folder.resolve("docs"));
        for (String name : CORPUS) {
            try (InputStream in = ScaleOut.class.getResourceAsStream("/corpus/" + name)) {
                Files.copy(in, docs.resolve(name));
            }
        }
        this.config = folder.resolve("sluice.yaml");
        Files.writeString(config, yaml());
    }

    String yaml() {
        String index = openSearch ? """
                index:
                  path: local
                  backend: opensearch
                  url: %s
                  prefix: %s
                """.formatted(EngineEndpoints.openSearchUrl(), prefix) : "index: local\n";
        return index + """
                catalog:
                  backend: postgresql
                  url: %s
                  schema: %s
                  userEnv: SLUICE_IT_PG_USER
                  passwordEnv: SLUICE_IT_PG_PASSWORD
                sources:
                  - name: docs
                    path: docs
                """.formatted(EngineEndpoints.postgresUrl(), schema);
    }

    /** Runs the CLI in this JVM with this knowledge base's sluice.yaml. */
    Run cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        int at = all.indexOf("--");
        all.add(at < 0 ? all.size() : at, "--config");
        all.add(at < 0 ? all.size() : at + 1, config.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = dev.sluice.cli.SluiceCli.execute(
                all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    /** A plain connection to the development database, for checks behind Sluice's back. */
    static Connection connect() throws SQLException {
        return DriverManager.getConnection(
                EngineEndpoints.postgresUrl(), EngineEndpoints.postgresUser(), EngineEndpoints.postgresPassword());
    }

    @Override
    public void close() {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop schema " + schema + ": " + e.getMessage(), e);
        }
        if (openSearch) {
            try {
                java.net.http.HttpClient.newHttpClient()
                        .send(
                                java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                                EngineEndpoints.openSearchUrl() + "/" + prefix + "-*"))
                                        .DELETE()
                                        .build(),
                                java.net.http.HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
