package dev.sluice.jdbc;

import dev.sluice.transform.TransformStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** SQL for transform batches; {@link JdbcCatalog} serializes calls and owns transactions. */
final class TransformBatchSql {
    private TransformBatchSql() {}

    static void save(Connection c, TransformStore.Batch b, List<TransformStore.BatchItem> items) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO transform_batches (id, status, submitted_millis,"
                + " run_id, items) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, b.id());
            ps.setString(2, b.status());
            ps.setLong(3, b.submittedMillis());
            ps.setString(4, b.runId());
            ps.setInt(5, b.items());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO transform_batch_items (batch_id, custom_id,"
                + " transform, prompt_version, model, input_hash, item) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (TransformStore.BatchItem i : items) {
                ps.setString(1, i.batchId());
                ps.setString(2, i.customId());
                ps.setString(3, i.transform());
                ps.setString(4, i.promptVersion());
                ps.setString(5, i.model());
                ps.setString(6, i.inputHash());
                ps.setString(7, i.item());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static List<TransformStore.Batch> open(Connection c) throws SQLException {
        List<TransformStore.Batch> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, status, submitted_millis, run_id, items FROM"
                        + " transform_batches WHERE status = 'open' ORDER BY submitted_millis, id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new TransformStore.Batch(
                        rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getInt(5)));
            }
        }
        return out;
    }

    static List<TransformStore.BatchItem> items(Connection c, String batchId) throws SQLException {
        List<TransformStore.BatchItem> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT batch_id, custom_id, transform, prompt_version, model,"
                + " input_hash, item FROM transform_batch_items WHERE batch_id = ? ORDER BY custom_id")) {
            ps.setString(1, batchId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TransformStore.BatchItem(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7)));
                }
            }
        }
        return out;
    }

    static void close(Connection c, String batchId, String status, long now) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE transform_batches SET status = ?, closed_millis = ? WHERE id = ?")) {
            ps.setString(1, status);
            ps.setLong(2, now);
            ps.setString(3, batchId);
            ps.executeUpdate();
        }
    }

    static boolean inOpen(Connection c, String transform, String version, String model, String hash)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM transform_batch_items i JOIN transform_batches b"
                + " ON b.id = i.batch_id WHERE b.status = 'open' AND i.transform = ? AND i.prompt_version = ? AND"
                + " i.model = ? AND i.input_hash = ? LIMIT 1")) {
            ps.setString(1, transform);
            ps.setString(2, version);
            ps.setString(3, model);
            ps.setString(4, hash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
