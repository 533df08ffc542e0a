package dev.sluice.jdbc;

import dev.sluice.core.ProcessOwner;
import dev.sluice.llm.LedgerStore;
import dev.sluice.llm.LlmCallRecord;
import dev.sluice.llm.LlmReservation;
import dev.sluice.llm.LlmSpendRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** SQL for the LLM ledger; {@link JdbcCatalog} serializes calls. */
final class LedgerSql {
    private LedgerSql() {}

    static long insert(Connection connection, LlmCallRecord r) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO llm_calls (at_millis, purpose, model, prompt_version, key_id, input_tokens,"
                        + " output_tokens, cost_usd, cost_pico_usd, latency_millis, outcome, attempts, error)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, r.atMillis());
            ps.setString(2, r.purpose());
            ps.setString(3, r.model());
            ps.setString(4, r.promptVersion());
            ps.setString(5, r.keyId());
            ps.setLong(6, r.inputTokens());
            ps.setLong(7, r.outputTokens());
            ps.setDouble(8, r.costUsd());
            ps.setLong(9, r.costPicoUsd());
            ps.setLong(10, r.latencyMillis());
            ps.setString(11, r.outcome());
            ps.setInt(12, r.attempts());
            ps.setString(13, r.error());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Exact spend in picodollars since {@code sinceMillis}; of one key when {@code keyId} is not null. */
    static long spendSince(Connection connection, long sinceMillis, String keyId) throws SQLException {
        String sql = "SELECT COALESCE(SUM(cost_pico_usd), 0) FROM llm_calls WHERE at_millis >= ?"
                + (keyId == null ? "" : " AND key_id = ?");
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setLong(1, sinceMillis);
            if (keyId != null) {
                ps.setString(2, keyId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Drops stale reservations, sums spend and open reservations, lets {@code check} refuse (by throwing)
     * and inserts the reservation. The caller runs this in a {@code BEGIN IMMEDIATE} transaction: no other
     * writer, in any process, can come between the sum and the insert.
     */
    static long reserve(
            Connection c,
            LlmReservation r,
            long dayStartMillis,
            long monthStartMillis,
            Consumer<LedgerStore.Standing> check)
            throws SQLException {
        long[] reserved = new long[4]; // day, month, key day, key month
        List<Long> stale = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM llm_reservations");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                LlmReservation open = reservation(rs);
                if (open.stale(r.atMillis())) {
                    stale.add(rs.getLong("id"));
                    continue;
                }
                boolean sameKey = open.keyId().equals(r.keyId());
                if (open.atMillis() >= dayStartMillis) {
                    reserved[0] += open.picoUsd();
                    reserved[2] += sameKey ? open.picoUsd() : 0;
                }
                if (open.atMillis() >= monthStartMillis) {
                    reserved[1] += open.picoUsd();
                    reserved[3] += sameKey ? open.picoUsd() : 0;
                }
            }
        }
        for (long id : stale) {
            release(c, id);
        }
        check.accept(new LedgerStore.Standing(
                new LedgerStore.Spend(spendSince(c, dayStartMillis, null), reserved[0]),
                new LedgerStore.Spend(spendSince(c, monthStartMillis, null), reserved[1]),
                new LedgerStore.Spend(spendSince(c, dayStartMillis, r.keyId()), reserved[2]),
                new LedgerStore.Spend(spendSince(c, monthStartMillis, r.keyId()), reserved[3])));
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO llm_reservations (at_millis, key_id, pico_usd, expires_millis, owner_host, owner_pid,"
                        + " owner_started_millis) VALUES (?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, r.atMillis());
            ps.setString(2, r.keyId());
            ps.setLong(3, r.picoUsd());
            ps.setLong(4, r.expiresMillis());
            ps.setString(5, r.owner().host());
            ps.setLong(6, r.owner().pid());
            ps.setLong(7, r.owner().startedMillis());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    static Void release(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM llm_reservations WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
        return null;
    }

    static List<LlmReservation> reservations(Connection c) throws SQLException {
        List<LlmReservation> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM llm_reservations ORDER BY id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(reservation(rs));
            }
        }
        return out;
    }

    private static LlmReservation reservation(ResultSet rs) throws SQLException {
        return new LlmReservation(
                rs.getLong("at_millis"),
                rs.getString("key_id"),
                rs.getLong("pico_usd"),
                rs.getLong("expires_millis"),
                new ProcessOwner(
                        rs.getString("owner_host"), rs.getLong("owner_pid"), rs.getLong("owner_started_millis")));
    }

    static dev.sluice.llm.LlmTotals totals(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT COUNT(*), COALESCE(SUM(input_tokens), 0),"
                        + " COALESCE(SUM(output_tokens), 0), COALESCE(SUM(CASE WHEN outcome = 'cached' THEN 1 ELSE 0 END), 0),"
                        + " COALESCE(SUM(cost_pico_usd), 0) FROM llm_calls");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new dev.sluice.llm.LlmTotals(
                    rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
        }
    }

    static List<LlmCallRecord> calls(Connection connection, long sinceMillis) throws SQLException {
        List<LlmCallRecord> out = new ArrayList<>();
        try (PreparedStatement ps =
                connection.prepareStatement("SELECT * FROM llm_calls WHERE at_millis >= ? ORDER BY id")) {
            ps.setLong(1, sinceMillis);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new LlmCallRecord(
                            rs.getLong("id"),
                            rs.getLong("at_millis"),
                            rs.getString("purpose"),
                            rs.getString("model"),
                            rs.getString("prompt_version"),
                            rs.getString("key_id"),
                            rs.getLong("input_tokens"),
                            rs.getLong("output_tokens"),
                            rs.getLong("cost_pico_usd"),
                            rs.getLong("latency_millis"),
                            rs.getString("outcome"),
                            rs.getInt("attempts"),
                            rs.getString("error")));
                }
            }
        }
        return out;
    }

    static List<LlmSpendRow> spendByDay(Connection connection, SqlDialect dialect, long sinceMillis)
            throws SQLException {
        List<LlmSpendRow> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT " + dialect.utcDay("at_millis") + " AS day, model, purpose, outcome,"
                        + " COUNT(*), SUM(input_tokens), SUM(output_tokens), SUM(cost_pico_usd)"
                        + " FROM llm_calls WHERE at_millis >= ? GROUP BY day, model, purpose, outcome"
                        + " ORDER BY day, model, purpose, outcome")) {
            ps.setLong(1, sinceMillis);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new LlmSpendRow(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getLong(5),
                            rs.getLong(6),
                            rs.getLong(7),
                            rs.getLong(8)));
                }
            }
        }
        return out;
    }
}
