package dev.sluice.postgres;

import dev.sluice.core.SluiceException;
import dev.sluice.jdbc.JdbcCatalog;
import dev.sluice.jdbc.SqlDialect;
import dev.sluice.sqlite.SqliteCatalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The catalog and every store of one knowledge base in a PostgreSQL schema ({@code catalog.backend:
 * postgresql}), shared by every Sluice process that names it. The stores and their SQL are the embedded
 * catalog's ({@link JdbcCatalog}); this class opens the connection, migrates the schema with Flyway
 * ({@link PostgresSchema}) and takes the write lock that a write depending on what it reads holds: a
 * transaction-scoped advisory lock of this schema ({@code pg_advisory_xact_lock}), so that budget
 * reservations and run starts of all processes are serialized as SQLite's {@code BEGIN IMMEDIATE}
 * serializes them. Other writes are plain transactions (READ COMMITTED); the unique keys the SQL relies
 * on ({@code ON CONFLICT}) hold across processes by themselves.
 *
 * <p>One connection per catalog, calls serialized on it, as SQLite's; it is opened again once when the
 * server dropped it (a restart, an idle timeout), and the call that found it dropped runs again (its
 * transaction was rolled back by the server).
 */
public final class PostgresCatalog extends JdbcCatalog {
    private final PostgresSettings settings;
    private final long lockKey;

    private PostgresCatalog(PostgresSettings settings, Connection connection) {
        super(SqlDialect.POSTGRESQL, connection);
        this.settings = settings;
        this.lockKey = lockKey(settings.schema());
    }

    /**
     * Opens the catalog of {@code settings}, creating its schema when missing and bringing it up to date;
     * a clear error when the server cannot be reached, refuses the login or holds a newer schema.
     */
    public static PostgresCatalog open(PostgresSettings settings) {
        Connection connection = connect(settings); // first: a clear error when the server is unreachable
        try {
            PostgresSchema.migrate(settings);
        } catch (RuntimeException e) {
            closeQuietly(connection, e);
            throw e;
        }
        return new PostgresCatalog(settings, connection);
    }

    /** The settings this catalog was opened with. */
    public PostgresSettings settings() {
        return settings;
    }

    @Override
    public String describe() {
        return settings.describe();
    }

    /** The version of the latest migration applied, from Flyway's history in the schema. */
    @Override
    public int schemaVersion() {
        return read("read the schema version", c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT version FROM flyway_schema_history WHERE success AND version"
                            + " IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
                return rs.next() ? Integer.parseInt(rs.getString(1)) : 0;
            }
        });
    }

    /** The schema's advisory lock, held until the transaction ends: one writer-that-reads at a time. */
    @Override
    protected void lockForWrite(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            ps.setLong(1, lockKey);
            ps.executeQuery().close();
        }
    }

    /**
     * The knowledge base's writer lock: a session-level advisory lock (its own key, not the write lock's)
     * on a connection of its own, so that it is held for the whole run and released when the run closes it
     * or its process dies (the server ends the session). Null when another session holds it.
     */
    @Override
    public WriterLock tryLockWriter() {
        Connection own = connect(settings);
        try (PreparedStatement ps = own.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, writerKey(settings.schema()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    own.close();
                    return null;
                }
            }
        } catch (SQLException e) {
            SluiceException failure = new SluiceException(
                    "cannot take the writer lock of the catalog at " + describe() + ": " + e.getMessage(), e);
            closeQuietly(own, failure);
            throw failure;
        }
        return () -> {
            try {
                own.close(); // ends the session, and with it the lock
            } catch (SQLException e) {
                throw new SluiceException("cannot release the writer lock of " + describe() + ": " + e.getMessage(), e);
            }
        };
    }

    /** The writer lock's key: another than the write lock's, so a run never blocks a budget reservation. */
    static long writerKey(String schema) {
        return lockKey("writer " + schema);
    }

    @Override
    protected Connection reconnect() {
        return connect(settings);
    }

    /**
     * Writes a SQLite catalog file at {@code target} with every row of this one (documents, chunks, runs,
     * the vector cache and the other stores), so that a scratch index (eval tune) starts from this
     * catalog's records and embeddings as it does from an embedded one's {@code VACUUM INTO}.
     */
    @Override
    public void copyTo(Path target) {
        if (Files.exists(target)) {
            throw new SluiceException("cannot copy catalog " + describe() + " to " + target + ": the file exists");
        }
        List<String> tables = read("list the catalog's tables", c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT table_name FROM information_schema.tables WHERE"
                    + " table_schema = ? AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'"
                    + " ORDER BY table_name")) {
                ps.setString(1, settings.schema());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
        try (SqliteCatalog copy = SqliteCatalog.open(target)) {
            // One snapshot of every table: a sync committing meanwhile is in the copy entirely or not at all.
            write("copy itself to " + target, c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                }
                copyRows(c, copy, tables);
                return tables;
            });
        } catch (RuntimeException e) {
            try {
                Files.deleteIfExists(target); // no half copy left for a scratch index to start from
            } catch (java.io.IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** The advisory lock key of a schema: the first 8 bytes of a SHA-256 of its name, the same in every process. */
    static long lockKey(String schema) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("sluice catalog " + schema).getBytes(StandardCharsets.UTF_8));
            long key = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                key = (key << 8) | (digest[i] & 0xff);
            }
            return key;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A connection in the catalog's schema; SQL state mapped to a message that names the setting to fix. */
    static Connection connect(PostgresSettings settings) {
        Properties properties = new Properties();
        if (settings.user() != null) {
            properties.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            properties.setProperty("password", settings.password());
        }
        properties.setProperty("ApplicationName", "sluice " + settings.schema());
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("tcpKeepAlive", "true");
        try {
            Connection connection = DriverManager.getConnection(settings.url(), properties);
            try (Statement s = connection.createStatement()) {
                // The schema may not exist yet (Flyway creates it next); search_path skips a missing one.
                s.execute("SET search_path TO " + settings.schema());
                s.execute("SET lock_timeout = '30s'"); // a write lock waited for longer fails, as SQLite's busy timeout
            }
            return connection;
        } catch (SQLException e) {
            throw openFailure(settings, e);
        }
    }

    private static SluiceException openFailure(PostgresSettings settings, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = settings.describe();
        String message;
        if (state.startsWith("08")) {
            message = "catalog.url " + where + " cannot be reached: " + e.getMessage()
                    + "; start PostgreSQL there or correct catalog.url";
        } else if (state.startsWith("28")) {
            message = "PostgreSQL at " + where + " refused the login"
                    + (settings.user() == null ? "" : " of user " + settings.user()) + ": " + e.getMessage()
                    + "; check the variables that catalog.userEnv and catalog.passwordEnv name";
        } else if (state.equals("3D000")) {
            message = "the database in catalog.url " + where + " does not exist: " + e.getMessage()
                    + "; create it (createdb) or correct catalog.url";
        } else {
            message = "cannot open the catalog at " + where + ": " + e.getMessage();
        }
        return new SluiceException(message, e);
    }

    private static void closeQuietly(Connection connection, RuntimeException failure) {
        try {
            connection.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
