package dev.sluice.engines;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * PostgreSQL 15, as scripts/engines/postgres.sh starts it: a Flyway migration from a test resource folder,
 * transactions, and an advisory lock that holds across two connections (two server processes).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresEngineIT {

    private final String schema =
            "sluice_engine_it_" + UUID.randomUUID().toString().substring(0, 8);
    private Flyway flyway;

    @BeforeAll
    void migrate_a_fresh_schema() {
        EngineEndpoints.requireListening(EngineEndpoints.postgresUrl(), "scripts/engines/postgres.sh");
        flyway = Flyway.configure()
                .dataSource(
                        EngineEndpoints.postgresUrl(),
                        EngineEndpoints.postgresUser(),
                        EngineEndpoints.postgresPassword())
                .schemas(schema)
                .createSchemas(true)
                .locations("classpath:db/engines-it")
                .load();
        MigrateResult result = flyway.migrate();
        assertThat(result.migrationsExecuted).isEqualTo(1);
    }

    @AfterAll
    void drop_schema() throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void should_apply_nothing_when_migrating_an_up_to_date_schema_again() {
        assertThat(flyway.migrate().migrationsExecuted).isZero();
        assertThat(flyway.info().current().getVersion().getVersion()).isEqualTo("1");
    }

    @Test
    void should_show_committed_rows_only_when_a_transaction_commits() throws SQLException {
        try (Connection writer = connect();
                Connection reader = connect()) {
            writer.setAutoCommit(false);
            insert(writer, 1, "rolled back");
            writer.rollback();
            insert(writer, 2, "committed");
            assertThat(bodies(reader))
                    .as("uncommitted rows are invisible to another connection")
                    .isEmpty();
            writer.commit();

            assertThat(bodies(reader)).containsExactly("committed");
        }
    }

    @Test
    void should_block_a_second_connection_when_the_first_holds_the_advisory_lock() throws Exception {
        long key = ThreadLocalRandom.current().nextLong();
        ExecutorService waiter = Executors.newSingleThreadExecutor(r -> new Thread(r, "pg-advisory-lock-waiter"));
        try (Connection holder = connect();
                Connection contender = connect()) {
            assertThat(backendPid(holder)).isNotEqualTo(backendPid(contender));
            lock(holder, "SELECT pg_advisory_lock(?)", key);
            assertThat(tryLock(contender, key)).as("try-lock while held").isFalse();

            CompletableFuture<Void> blocked =
                    CompletableFuture.runAsync(() -> lock(contender, "SELECT pg_advisory_lock(?)", key), waiter);
            Thread.sleep(Duration.ofMillis(300));
            assertThat(blocked)
                    .as("pg_advisory_lock waits while another process holds it")
                    .isNotDone();

            lock(holder, "SELECT pg_advisory_unlock(?)", key);
            blocked.get(10, TimeUnit.SECONDS);
            assertThat(tryLock(holder, key)).as("the contender holds it now").isFalse();
            lock(contender, "SELECT pg_advisory_unlock(?)", key);
        } finally {
            waiter.shutdownNow();
        }
    }

    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(
                EngineEndpoints.postgresUrl(), EngineEndpoints.postgresUser(), EngineEndpoints.postgresPassword());
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + schema);
        }
        return connection;
    }

    private static void insert(Connection connection, long id, String body) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO note (id, body) VALUES (?, ?)")) {
            statement.setLong(1, id);
            statement.setString(2, body);
            statement.executeUpdate();
        }
    }

    private static List<String> bodies(Connection connection) throws SQLException {
        List<String> bodies = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT body FROM note ORDER BY id")) {
            while (rows.next()) {
                bodies.add(rows.getString(1));
            }
        }
        return bodies;
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void lock(Connection connection, String sql, long key) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, key);
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed for key " + key, e);
        }
    }

    private static boolean tryLock(Connection connection, long key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            statement.setLong(1, key);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }
}
