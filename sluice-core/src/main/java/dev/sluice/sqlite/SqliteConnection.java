package dev.sluice.sqlite;

import dev.sluice.core.SluiceException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The catalog's one SQLite connection and how every store uses it: opened in WAL mode with a busy
 * timeout, its schema migrated in numbered steps, and every read and write serialized on it, a write
 * in one transaction ({@code BEGIN IMMEDIATE} where the write depends on what it reads, so that two
 * processes cannot both pass a check). {@link SqliteCatalog} adds the stores on top; the SQL of each
 * lives in its own class ({@code DocumentSql}, {@code RunSql}, {@code LedgerSql}, ...).
 */
abstract class SqliteConnection implements AutoCloseable {
    final Path file;
    final Connection connection;

    SqliteConnection(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** A connection to {@code file} (created with its folder if needed), in WAL mode, waiting up to 10 s for locks. */
    static Connection connect(Path file) throws SQLException, IOException {
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

    /** The schema version in the file: the number of migrations applied. */
    public synchronized int schemaVersion() {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            throw failure("read the schema version", e);
        }
    }

    synchronized void migrate() throws SQLException {
        int version = schemaVersion();
        if (version > CatalogSchema.MIGRATIONS.size()) {
            throw new SluiceException("catalog " + file + " has schema version " + version
                    + ", newer than this Sluice knows (" + CatalogSchema.MIGRATIONS.size() + "); upgrade Sluice");
        }
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

    @FunctionalInterface
    interface SqlWork {
        void run() throws SQLException;
    }

    /** Work on the connection that returns a value. */
    @FunctionalInterface
    interface SqlCall<T> {
        T call(Connection connection) throws SQLException;
    }

    /** Reads on the catalog's connection, serialized with every other call; for the stores kept in their own class. */
    synchronized <T> T read(String what, SqlCall<T> call) {
        try {
            return call.call(connection);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Writes in one transaction on the catalog's connection, serialized with every other call. */
    synchronized <T> T write(String what, SqlCall<T> call) {
        java.util.List<T> out = new java.util.ArrayList<>(1);
        inTransaction(what, () -> out.add(call.call(connection)));
        return out.getFirst();
    }

    /**
     * As {@link #write}, in a transaction that takes SQLite's write lock before its first read ({@code BEGIN
     * IMMEDIATE}), for a write that depends on what it reads: a deferred transaction would read, then
     * fail to upgrade (or see stale rows) when another process wrote in between. Waits for the lock as
     * long as the busy timeout allows.
     */
    synchronized <T> T writeImmediate(String what, SqlCall<T> call) {
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

    void inTransaction(String what, SqlWork work) {
        try {
            connection.setAutoCommit(false);
            try {
                work.run();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    SluiceException failure(String what, SQLException e) {
        return new SluiceException("catalog " + file + ": cannot " + what + ": " + e.getMessage(), e);
    }

    static byte[] toBytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    static float[] fromBytes(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure("close", e);
        }
    }
}
