package dev.sluice.jdbc;

import dev.sluice.catalog.Catalog.SourceState;
import dev.sluice.catalog.RunCounts;
import dev.sluice.catalog.RunRecord;
import dev.sluice.core.ProcessOwner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** SQL for runs and the sync state of sources; {@link JdbcCatalog} serializes calls and owns transactions. */
final class RunSql {
    private RunSql() {}

    /** Inserts a running run of {@code owner}, then closes earlier running runs whose owner is gone. */
    static long start(Connection c, String trigger, long nowMillis, ProcessOwner owner) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO runs (trigger, started_millis, status, owner_host, owner_pid, owner_started_millis)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, trigger);
            ps.setLong(2, nowMillis);
            ps.setString(3, RunRecord.RUNNING);
            ps.setString(4, owner.host());
            ps.setLong(5, owner.pid());
            ps.setLong(6, owner.startedMillis());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        closeInterrupted(c, id, nowMillis);
        return id;
    }

    /**
     * Marks interrupted every run before {@code runId} still running whose process is gone (or was never
     * recorded: rows from before owners were kept).
     */
    private static void closeInterrupted(Connection c, long runId, long nowMillis) throws SQLException {
        Map<Long, String> interrupted = new java.util.TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, owner_host, owner_pid, owner_started_millis FROM runs WHERE status = ? AND id < ?")) {
            ps.setString(1, RunRecord.RUNNING);
            ps.setLong(2, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String host = rs.getString(2);
                    long pid = rs.getLong(3);
                    if (host == null || pid <= 0) {
                        interrupted.put(rs.getLong(1), "its process was not recorded (a run of an older Sluice)");
                        continue;
                    }
                    ProcessOwner owner = new ProcessOwner(host, pid, rs.getLong(4));
                    if (owner.gone()) {
                        interrupted.put(
                                rs.getLong(1),
                                "its process (" + owner.describe() + ") had ended without recording an end");
                    }
                }
            }
        }
        if (interrupted.isEmpty()) {
            return;
        }
        String found = "interrupted: found at " + Instant.ofEpochMilli(nowMillis) + " by run " + runId + "; ";
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE runs SET status = ?, finished_millis = ?, error = ? WHERE id = ? AND status = ?")) {
            for (Map.Entry<Long, String> run : interrupted.entrySet()) {
                ps.setString(1, RunRecord.INTERRUPTED);
                ps.setLong(2, nowMillis);
                ps.setString(3, found + run.getValue());
                ps.setLong(4, run.getKey());
                ps.setString(5, RunRecord.RUNNING);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static void finish(Connection c, long runId, long nowMillis, String status, RunCounts counts, String error)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE runs SET finished_millis = ?, status = ?, seen = ?, ingested = ?, unchanged = ?, quarantined = ?,
                  deleted = ?, chunks = ?, embeddings_computed = ?, embeddings_reused = ?, error = ? WHERE id = ?""")) {
            ps.setLong(1, nowMillis);
            ps.setString(2, status);
            ps.setInt(3, counts.seen());
            ps.setInt(4, counts.ingested());
            ps.setInt(5, counts.unchanged());
            ps.setInt(6, counts.quarantined());
            ps.setInt(7, counts.deleted());
            ps.setInt(8, counts.chunks());
            ps.setInt(9, counts.embeddingsComputed());
            ps.setInt(10, counts.embeddingsReused());
            ps.setString(11, error);
            ps.setLong(12, runId);
            ps.executeUpdate();
        }
    }

    static void recordSources(Connection c, long runId, Collection<String> names, long nowMillis, String error)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                error == null
                        ? "INSERT INTO sources (name, last_run_id, last_ok_millis) VALUES (?, ?, ?)"
                                + " ON CONFLICT(name) DO UPDATE SET last_run_id = excluded.last_run_id,"
                                + " last_ok_millis = excluded.last_ok_millis"
                        : "INSERT INTO sources (name, last_run_id, last_failed_millis, last_error) VALUES (?, ?, ?, ?)"
                                + " ON CONFLICT(name) DO UPDATE SET last_run_id = excluded.last_run_id,"
                                + " last_failed_millis = excluded.last_failed_millis, last_error = excluded.last_error")) {
            for (String name : names) {
                ps.setString(1, name);
                ps.setLong(2, runId);
                ps.setLong(3, nowMillis);
                if (error != null) {
                    ps.setString(4, error);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static Map<String, SourceState> sources(Connection c) throws SQLException {
        Map<String, SourceState> out = new java.util.TreeMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM sources")) {
            while (rs.next()) {
                out.put(
                        rs.getString("name"),
                        new SourceState(
                                rs.getString("name"),
                                rs.getLong("last_run_id"),
                                rs.getLong("last_ok_millis"),
                                rs.getLong("last_failed_millis"),
                                rs.getString("last_error")));
            }
        }
        return out;
    }

    static List<RunRecord> runs(Connection c, String sql, long parameter) throws SQLException {
        List<RunRecord> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RunRecord(
                            rs.getLong("id"),
                            rs.getString("trigger"),
                            rs.getLong("started_millis"),
                            rs.getLong("finished_millis"),
                            rs.getString("status"),
                            new RunCounts(
                                    rs.getInt("seen"),
                                    rs.getInt("ingested"),
                                    rs.getInt("unchanged"),
                                    rs.getInt("quarantined"),
                                    rs.getInt("deleted"),
                                    rs.getInt("chunks"),
                                    rs.getInt("embeddings_computed"),
                                    rs.getInt("embeddings_reused")),
                            rs.getString("error")));
                }
            }
        }
        return out;
    }
}
