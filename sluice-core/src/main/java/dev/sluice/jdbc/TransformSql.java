package dev.sluice.jdbc;

import dev.sluice.transform.TransformOutput;
import dev.sluice.transform.TransformStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** SQL for transform outputs and pending items; {@link JdbcCatalog} serializes calls and owns transactions. */
final class TransformSql {
    private static final String COLUMNS = "transform, prompt_version, model, input_hash, item, status, output_json,"
            + " error, input_tokens, output_tokens, cost_pico_usd, created_millis, run_id";

    private TransformSql() {}

    static Optional<TransformOutput> output(
            Connection c, String transform, String version, String model, String inputHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM transform_outputs"
                + " WHERE transform = ? AND prompt_version = ? AND model = ? AND input_hash = ?")) {
            ps.setString(1, transform);
            ps.setString(2, version);
            ps.setString(3, model);
            ps.setString(4, inputHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    static void save(Connection c, TransformOutput o) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SqlDialect.insertOrReplace(
                "transform_outputs", "transform, prompt_version, model, input_hash", COLUMNS, null))) {
            ps.setString(1, o.transform());
            ps.setString(2, o.promptVersion());
            ps.setString(3, o.model());
            ps.setString(4, o.inputHash());
            ps.setString(5, o.item());
            ps.setString(6, o.valid() ? "valid" : "invalid");
            ps.setString(7, o.outputJson());
            ps.setString(8, o.error());
            ps.setLong(9, o.inputTokens());
            ps.setLong(10, o.outputTokens());
            ps.setLong(11, o.costPicoUsd());
            ps.setLong(12, o.createdMillis());
            ps.setString(13, o.runId());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM transform_pending WHERE transform = ? AND prompt_version = ? AND input_hash = ?")) {
            ps.setString(1, o.transform());
            ps.setString(2, o.promptVersion());
            ps.setString(3, o.inputHash());
            ps.executeUpdate();
        }
    }

    static void markPending(
            Connection c, String transform, String version, String inputHash, String item, String runId, long now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SqlDialect.insertOrReplace(
                "transform_pending",
                "transform, prompt_version, input_hash",
                "transform, prompt_version, input_hash, item, run_id, created_millis",
                null))) {
            ps.setString(1, transform);
            ps.setString(2, version);
            ps.setString(3, inputHash);
            ps.setString(4, item);
            ps.setString(5, runId);
            ps.setLong(6, now);
            ps.executeUpdate();
        }
    }

    static List<TransformStore.Status> status(Connection c) throws SQLException {
        Map<String, long[]> counts = new LinkedHashMap<>(); // valid, invalid, pending, cost, last
        Map<String, List<TransformStore.Reason>> reasons = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT transform, prompt_version,"
                        + " COUNT(DISTINCT CASE WHEN status = 'valid' THEN input_hash END), SUM(cost_pico_usd),"
                        + " MAX(created_millis) FROM transform_outputs GROUP BY transform, prompt_version"
                        + " ORDER BY transform, MAX(created_millis)");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long[] n = counts.computeIfAbsent(key(rs.getString(1), rs.getString(2)), k -> new long[5]);
                n[0] = rs.getLong(3);
                n[3] = rs.getLong(4);
                n[4] = rs.getLong(5);
            }
        }
        // An item is invalid when no model gave it a valid output; each reason is counted once per item and model.
        try (PreparedStatement ps = c.prepareStatement("SELECT o.transform, o.prompt_version, o.error,"
                        + " COUNT(DISTINCT o.input_hash), COUNT(*) FROM transform_outputs o WHERE o.status = 'invalid'"
                        + " AND NOT EXISTS (SELECT 1 FROM transform_outputs v WHERE v.transform = o.transform AND"
                        + " v.prompt_version = o.prompt_version AND v.input_hash = o.input_hash AND v.status = 'valid')"
                        + " GROUP BY o.transform, o.prompt_version, o.error ORDER BY COUNT(*) DESC, o.error");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String k = key(rs.getString(1), rs.getString(2));
                List<TransformStore.Reason> list = reasons.computeIfAbsent(k, x -> new ArrayList<>());
                if (list.size() < 3) {
                    list.add(new TransformStore.Reason(rs.getString(3), rs.getLong(5)));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT o.transform, o.prompt_version,"
                        + " COUNT(DISTINCT o.input_hash) FROM transform_outputs o WHERE o.status = 'invalid'"
                        + " AND NOT EXISTS (SELECT 1 FROM transform_outputs v WHERE v.transform = o.transform AND"
                        + " v.prompt_version = o.prompt_version AND v.input_hash = o.input_hash AND v.status = 'valid')"
                        + " GROUP BY o.transform, o.prompt_version");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.computeIfAbsent(key(rs.getString(1), rs.getString(2)), k -> new long[5])[1] = rs.getLong(3);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT transform, prompt_version, COUNT(*) FROM"
                        + " transform_pending GROUP BY transform, prompt_version");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.computeIfAbsent(key(rs.getString(1), rs.getString(2)), k -> new long[5])[2] = rs.getLong(3);
            }
        }
        List<TransformStore.Status> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            String[] parts = e.getKey().split("\u0000", 2);
            long[] n = e.getValue();
            out.add(new TransformStore.Status(
                    parts[0], parts[1], n[0], n[1], n[2], n[3], reasons.getOrDefault(e.getKey(), List.of()), n[4]));
        }
        out.sort(java.util.Comparator.comparing(TransformStore.Status::transform)
                .thenComparingLong(TransformStore.Status::lastMillis));
        return out;
    }

    static List<TransformOutput> outputs(Connection c, String transform, String version, int limit)
            throws SQLException {
        List<TransformOutput> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM transform_outputs WHERE"
                + " transform = ? AND prompt_version = ? ORDER BY input_hash, status = 'valid' DESC,"
                + " created_millis DESC")) {
            ps.setString(1, transform);
            ps.setString(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && out.size() < limit) {
                    TransformOutput o = row(rs);
                    if (seen.add(o.inputHash())) {
                        out.add(o);
                    }
                }
            }
        }
        return out;
    }

    private static String key(String transform, String version) {
        return transform + "\u0000" + version;
    }

    private static TransformOutput row(ResultSet rs) throws SQLException {
        return new TransformOutput(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                "valid".equals(rs.getString(6)),
                rs.getString(7),
                rs.getString(8),
                rs.getLong(9),
                rs.getLong(10),
                rs.getLong(11),
                rs.getLong(12),
                rs.getString(13));
    }
}
