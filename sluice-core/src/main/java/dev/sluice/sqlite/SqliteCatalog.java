package dev.sluice.sqlite;

import dev.sluice.core.SluiceException;
import dev.sluice.jdbc.JdbcCatalog;
import dev.sluice.jdbc.SqlDialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The catalog: an embedded SQLite database beside the index that records documents, runs and the
 * embedding cache. It is the truth about what should be in the index. The stores and their SQL are
 * shared with every JDBC catalog ({@link JdbcCatalog}); this class opens the file in WAL mode, migrates
 * it ({@code CatalogSchema}, {@code PRAGMA user_version}) and takes SQLite's write lock with {@code BEGIN
 * IMMEDIATE}.
 *
 * <p>Schema changes are numbered migrations applied in order at open; an upgrade keeps the data.
 * Thread-safe: calls are serialized on one connection.
 */
public final class SqliteCatalog extends JdbcCatalog {
    /** The catalog's file name inside the index folder (Lucene leaves files of other names alone). */
    public static final String FILE_NAME = "catalog.sqlite";

    private final Path file;

    private SqliteCatalog(Path file, Connection connection) {
        super(SqlDialect.SQLITE, connection);
        this.file = file;
    }

    /** Opens (creating if needed) the catalog at {@code file} and brings its schema up to date. */
    public static SqliteCatalog open(Path file) {
        try {
            SqliteCatalog catalog = new SqliteCatalog(file, connect(file));
            catalog.migrate();
            return catalog;
        } catch (SQLException | IOException e) {
            throw new SluiceException("cannot open catalog " + file + ": " + e.getMessage(), e);
        }
    }

    /** Opens the catalog of an existing knowledge base; fails with a clear message when nothing was ingested there. */
    public static SqliteCatalog openExisting(Path indexDir) {
        Path file = indexDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            throw new SluiceException(
                    "no catalog at " + file + "; nothing has been ingested into " + indexDir + " yet (sluice ingest)");
        }
        return open(file);
    }

    /** A connection to {@code file} (created with its folder if needed), in WAL mode, waiting up to 10 s for locks. */
    private static Connection connect(Path file) throws SQLException, IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("PRAGMA busy_timeout=10000");
        }
        return connection;
    }

    public Path file() {
        return file;
    }

    @Override
    public String describe() {
        return file.toString();
    }

    /** The schema version in the file: the number of migrations applied. */
    @Override
    public synchronized int schemaVersion() {
        try (Statement s = connection().createStatement();
                ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            throw failure("read the schema version", e);
        }
    }

    private synchronized void migrate() throws SQLException {
        int version = schemaVersion();
        if (version > CatalogSchema.MIGRATIONS.size()) {
            throw new SluiceException("catalog " + file + " has schema version " + version
                    + ", newer than this Sluice knows (" + CatalogSchema.MIGRATIONS.size() + "); upgrade Sluice");
        }
        Connection connection = connection();
        for (int v = version; v < CatalogSchema.MIGRATIONS.size(); v++) {
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                for (String sql : CatalogSchema.MIGRATIONS.get(v)) {
                    s.execute(sql);
                }
                s.execute("PRAGMA user_version = " + (v + 1));
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /** Never called: {@link #writeImmediate} begins its transaction with the lock instead. */
    @Override
    protected void lockForWrite(Connection c) {
        throw new IllegalStateException("SQLite takes its write lock with BEGIN IMMEDIATE");
    }

    /**
     * As {@link #write}, in a transaction that takes SQLite's write lock before its first read ({@code BEGIN
     * IMMEDIATE}), for a write that depends on what it reads: a deferred transaction would read, then
     * fail to upgrade (or see stale rows) when another process wrote in between. Waits for the lock as
     * long as the busy timeout allows.
     */
    @Override
    protected synchronized <T> T writeImmediate(String what, SqlCall<T> call) {
        Connection connection = connection();
        try {
            try (Statement s = connection.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
            }
            try {
                T result = call.call(connection);
                try (Statement s = connection.createStatement()) {
                    s.execute("COMMIT");
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                try (Statement s = connection.createStatement()) {
                    s.execute("ROLLBACK");
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /**
     * Writes a consistent copy of the catalog to {@code target} (SQLite's {@code VACUUM INTO}), so a
     * scratch index can start from this one's records and embedding cache.
     */
    @Override
    public synchronized void copyTo(Path target) {
        try (PreparedStatement ps = connection().prepareStatement("VACUUM INTO ?")) {
            ps.setString(1, target.toAbsolutePath().toString());
            ps.execute();
        } catch (SQLException e) {
            throw failure("copy itself to " + target, e);
        }
    }
}
