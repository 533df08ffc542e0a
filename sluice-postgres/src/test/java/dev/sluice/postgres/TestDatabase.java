package dev.sluice.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The development PostgreSQL (scripts/engines/postgres.sh) for the engine tests: its URL, user and
 * password (a system property, then an environment variable, then the script's default, as in
 * sluice-engines-it), fresh schemas of random names, and dropping them again.
 */
public final class TestDatabase implements AutoCloseable {
    private final List<String> schemas = new ArrayList<>();

    public static String url() {
        return setting(
                "sluice.pg.url",
                "SLUICE_PG_URL",
                "jdbc:postgresql://127.0.0.1:5432/"
                        + setting("sluice.pg.database", "SLUICE_PG_DATABASE", "sluice_test"));
    }

    public static String user() {
        return setting("sluice.pg.user", "SLUICE_PG_USER", "sluice_test");
    }

    public static String password() {
        return setting("sluice.pg.password", "SLUICE_PG_PASSWORD", "sluice_test");
    }

    /** Settings of a new schema, dropped by {@link #close}. */
    public synchronized PostgresSettings freshSchema() {
        String schema =
                "sluice_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        schemas.add(schema);
        return settings(schema);
    }

    public static PostgresSettings settings(String schema) {
        return new PostgresSettings(url(), user(), password(), schema);
    }

    /** A plain connection, for what the tests check behind the catalog's back. */
    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user(), password());
    }

    public static void drop(String schema) {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop schema " + schema + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        schemas.forEach(TestDatabase::drop);
        schemas.clear();
    }

    private static String setting(String property, String variable, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
