package dev.sluice.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.backend.BackendOptions;
import dev.sluice.backend.BackendProvider;
import dev.sluice.backend.CatalogStores;
import dev.sluice.catalog.RunCounts;
import dev.sluice.catalog.RunRecord;
import dev.sluice.core.ProcessOwner;
import dev.sluice.core.SluiceException;
import dev.sluice.sqlite.SqliteCatalog;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening a PostgreSQL catalog: the schema created and migrated by Flyway, a second open applying
 * nothing, a newer schema refused, the same tables and columns as the SQLite schema, clear errors when
 * the server is unreachable or refuses the login, the provider found by name, and a dropped connection
 * opened again.
 */
class PostgresCatalogOpenEngineIT {
    private final TestDatabase database = new TestDatabase();

    @TempDir
    Path folder;

    @AfterEach
    void drop() {
        database.close();
    }

    @Test
    void should_create_the_schema_when_opening_one_that_does_not_exist() throws SQLException {
        PostgresSettings settings = database.freshSchema();
        assertThat(schemaExists(settings.schema())).isFalse();

        try (PostgresCatalog catalog = PostgresCatalog.open(settings)) {
            assertThat(schemaExists(settings.schema())).isTrue();
            assertThat(catalog.schemaVersion()).isEqualTo(1);
            assertThat(catalog.documents()).isEmpty();
        }
    }

    @Test
    void should_apply_nothing_and_keep_the_rows_when_opening_an_up_to_date_schema_again() {
        PostgresSettings settings = database.freshSchema();
        long run;
        try (PostgresCatalog catalog = PostgresCatalog.open(settings)) {
            run = catalog.startRun("sync", 1_000, ProcessOwner.current());
        }

        assertThat(PostgresSchema.migrate(settings))
                .as("migrations applied by a second open")
                .isZero();
        try (PostgresCatalog again = PostgresCatalog.open(settings)) {
            assertThat(again.schemaVersion()).isEqualTo(1);
            assertThat(again.run(run).trigger()).isEqualTo("sync");
        }
    }

    @Test
    void should_create_the_schema_once_when_several_processes_open_it_at_the_same_time() throws Exception {
        PostgresSettings settings = database.freshSchema();
        int replicas = 4;
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                replicas, r -> new Thread(r, "replica-" + n.incrementAndGet()));
        java.util.List<java.util.concurrent.Future<Integer>> versions = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < replicas; i++) {
                versions.add(pool.submit(() -> {
                    go.await();
                    try (PostgresCatalog catalog = PostgresCatalog.open(settings)) {
                        return catalog.schemaVersion();
                    }
                }));
            }
            go.countDown();
            for (java.util.concurrent.Future<Integer> version : versions) {
                assertThat(version.get()).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT COUNT(*) FROM " + settings.schema() + ".flyway_schema_history WHERE version = '1'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("V1 applied once").isEqualTo(1);
        }
    }

    @Test
    void should_refuse_a_schema_that_a_newer_sluice_migrated_further() throws SQLException {
        PostgresSettings settings = database.freshSchema();
        PostgresCatalog.open(settings).close();
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO " + settings.schema() + ".flyway_schema_history (installed_rank, version,"
                    + " description, type, script, checksum, installed_by, execution_time, success) VALUES (99, '99',"
                    + " 'from the future', 'SQL', 'V99__future.sql', 0, 'test', 1, true)");
        }

        assertThatThrownBy(() -> PostgresCatalog.open(settings))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("schema version 99, newer than this Sluice knows (1); upgrade Sluice");
    }

    @Test
    void should_have_the_tables_and_columns_of_the_sqlite_schema() throws SQLException {
        PostgresSettings settings = database.freshSchema();
        Map<String, TreeSet<String>> postgres = new TreeMap<>();
        PostgresCatalog.open(settings).close();
        try (Connection c = TestDatabase.connect();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT table_name, column_name FROM"
                                + " information_schema.columns WHERE table_schema = ? AND table_name <> 'flyway_schema_history'")) {
            ps.setString(1, settings.schema());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    postgres.computeIfAbsent(rs.getString(1), t -> new TreeSet<>())
                            .add(rs.getString(2));
                }
            }
        }
        Map<String, TreeSet<String>> sqlite = new TreeMap<>();
        SqliteCatalog.open(folder.resolve("catalog.sqlite")).close();
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("catalog.sqlite"));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p"
                        + " WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'")) {
            while (rs.next()) {
                sqlite.computeIfAbsent(rs.getString(1), t -> new TreeSet<>()).add(rs.getString(2));
            }
        }

        assertThat(postgres)
                .as("a SQLite migration without its PostgreSQL translation (db/sluice-postgresql)")
                .isEqualTo(sqlite);
    }

    @Test
    void should_name_catalog_url_when_nothing_listens_there() {
        PostgresSettings settings = new PostgresSettings(
                "jdbc:postgresql://127.0.0.1:1/sluice_test", TestDatabase.user(), TestDatabase.password(), "sluice");

        assertThatThrownBy(() -> PostgresCatalog.open(settings))
                .isInstanceOf(SluiceException.class)
                .hasMessageStartingWith(
                        "catalog.url jdbc:postgresql://127.0.0.1:1/sluice_test (schema sluice) cannot be" + " reached")
                .hasMessageContaining("start PostgreSQL there or correct catalog.url");
    }

    @Test
    void should_name_the_credential_settings_when_the_login_is_refused() {
        PostgresSettings settings =
                new PostgresSettings(TestDatabase.url(), TestDatabase.user(), "not-the-password", "sluice");

        assertThatThrownBy(() -> PostgresCatalog.open(settings))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("refused the login of user " + TestDatabase.user())
                .hasMessageContaining("catalog.userEnv and catalog.passwordEnv")
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    void should_open_through_the_provider_named_postgresql_with_secrets_from_the_environment() {
        String schema = database.freshSchema().schema();
        BackendProvider provider = ServiceLoader.load(BackendProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("postgresql"))
                .findFirst()
                .orElseThrow();
        BackendOptions options = new BackendOptions(
                "catalog",
                "postgresql",
                folder,
                Map.of(
                        "url",
                        TestDatabase.url() + "?password=" + TestDatabase.password(),
                        "userEnv",
                        "PG_USER",
                        "passwordEnv",
                        "PG_PASSWORD",
                        "schema",
                        schema),
                Map.of("PG_USER", TestDatabase.user(), "PG_PASSWORD", TestDatabase.password()));

        assertThat(provider.serves("catalog")).isTrue();
        assertThat(provider.serves("index")).isFalse();
        try (CatalogStores catalog = provider.catalog(options)) {
            assertThat(catalog.describe())
                    .isEqualTo(TestDatabase.url() + " (schema " + schema + ")")
                    .doesNotContain("password");
            assertThat(catalog.schemaVersion()).isEqualTo(1);
        }
    }

    @Test
    void should_open_the_connection_again_when_the_server_dropped_it() throws SQLException {
        PostgresSettings settings = database.freshSchema();
        try (PostgresCatalog catalog = PostgresCatalog.open(settings)) {
            long run = catalog.startRun("sync", 1_000, ProcessOwner.current());
            try (Connection c = TestDatabase.connect();
                    PreparedStatement ps = c.prepareStatement(
                            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity" + " WHERE application_name = ?")) {
                ps.setString(1, "sluice " + settings.schema());
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).as("the catalog's server process").isTrue();
                }
            }

            catalog.finishRun(run, 2_000, RunRecord.OK, RunCounts.NONE, null);

            assertThat(catalog.run(run).status()).isEqualTo(RunRecord.OK);
        }
    }

    private static boolean schemaExists(String schema) throws SQLException {
        try (Connection c = TestDatabase.connect();
                PreparedStatement ps =
                        c.prepareStatement("SELECT 1 FROM information_schema.schemata WHERE schema_name = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
