package dev.sluice.jdbc;

import dev.sluice.core.SluiceException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The catalog's one JDBC connection and how every store uses it: every read and write serialized on
 * it, a write in one transaction, and a write that depends on what it reads ({@link #writeImmediate})
 * holding the database's write lock (SQLite's {@code BEGIN IMMEDIATE}, PostgreSQL's advisory lock)
 * from before its first read, so that two processes cannot both pass a check. {@link JdbcCatalog}
 * adds the stores on top; the SQL of each lives in its own class ({@code DocumentSql}, {@code RunSql},
 * {@code LedgerSql}, ...).
 */
public abstract class JdbcConnection implements AutoCloseable {
    /** The few SQL constructs that differ between the databases. */
    protected final SqlDialect dialect;

    private Connection connection;

    protected JdbcConnection(SqlDialect dialect, Connection connection) {
        this.dialect = dialect;
        this.connection = connection;
    }

    /** Where the stores live, for messages: a file, or a database URL without credentials. */
    public abstract String describe();

    /** The connection, for subclasses' own statements; callers hold this object's lock. */
    protected final Connection connection() {
        return connection;
    }

    /**
     * A new connection after the database dropped this one (a server restart, an idle timeout), or null
     * when the database cannot drop it (a file). Called at most once per failed call, with the lock held.
     */
    protected Connection reconnect() throws SQLException {
        return null;
    }

    /**
     * Takes the write lock of every process sharing the database, inside the open transaction on
     * {@code c}; it is held until the transaction ends. Called first by {@link #writeImmediate}.
     */
    protected abstract void lockForWrite(Connection c) throws SQLException;

    /** Work on the connection that returns a value. */
    @FunctionalInterface
    public interface SqlCall<T> {
        T call(Connection connection) throws SQLException;
    }

    /** One read (or one statement) on the connection, serialized with every other call. */
    protected synchronized <T> T read(String what, SqlCall<T> call) {
        try {
            return call.call(connection);
        } catch (SQLException e) {
            if (!reconnected(e)) {
                throw failure(what, e);
            }
        }
        try {
            return call.call(connection);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Writes in one transaction on the connection, serialized with every other call. */
    protected synchronized <T> T write(String what, SqlCall<T> call) {
        return transaction(what, call, false);
    }

    /**
     * As {@link #write}, in a transaction that holds the database's write lock before its first read
     * ({@link #lockForWrite}), for a write that depends on what it reads: budget reservations, run starts.
     */
    protected synchronized <T> T writeImmediate(String what, SqlCall<T> call) {
        return transaction(what, call, true);
    }

    private <T> T transaction(String what, SqlCall<T> call, boolean immediate) {
        try {
            return inTransaction(call, immediate);
        } catch (SQLException e) {
            if (!reconnected(e)) {
                throw failure(what, e);
            }
        }
        try {
            return inTransaction(call, immediate); // the lost transaction was rolled back by the server
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private <T> T inTransaction(SqlCall<T> call, boolean immediate) throws SQLException {
        connection.setAutoCommit(false);
        try {
            if (immediate) {
                lockForWrite(connection);
            }
            T result = call.call(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // a lost connection: the next call reconnects
            }
        }
    }

    /**
     * Whether {@code e} came from a lost connection that {@link #reconnect} replaced: SQL state class
     * 08 (connection exception) or 57P01 to 57P03 (the server shut down or terminated the session), and a
     * connection that no longer answers.
     */
    private boolean reconnected(SQLException e) {
        String state = e.getSQLState();
        if (state == null || !(state.startsWith("08") || state.startsWith("57P0"))) {
            return false;
        }
        try {
            if (connection.isValid(5)) {
                return false;
            }
            Connection fresh = reconnect();
            if (fresh == null) {
                return false;
            }
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken
            }
            connection = fresh;
            return true;
        } catch (SQLException | RuntimeException again) {
            e.addSuppressed(again);
            return false;
        }
    }

    /** A clear error naming the catalog and what could not be done, for users; the cause is kept for logs. */
    protected SluiceException failure(String what, SQLException e) {
        return new SluiceException("catalog " + describe() + ": cannot " + what + ": " + e.getMessage(), e);
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
