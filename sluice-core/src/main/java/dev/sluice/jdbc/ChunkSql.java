package dev.sluice.jdbc;

import dev.sluice.catalog.Catalog.ChunkLineage;
import dev.sluice.catalog.Catalog.ChunkRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SQL for the chunk rows and the embedding cache (vectors by model and content hash); {@link JdbcCatalog}
 * serializes calls and owns transactions.
 */
final class ChunkSql {
    private ChunkSql() {}

    /** The lineage of the chunk with this id, or null. */
    static ChunkLineage lineage(Connection c, String id) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT id, document_uri, ordinal, content_hash, run_id FROM chunks WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? new ChunkLineage(
                                rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getLong(5))
                        : null;
            }
        }
    }

    /** The chunk rows of a document, in order. */
    static List<ChunkRow> rows(Connection c, String documentUri) throws SQLException {
        List<ChunkRow> out = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement("SELECT id, content_hash FROM chunks WHERE document_uri = ? ORDER BY ordinal")) {
            ps.setString(1, documentUri);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ChunkRow(rs.getString(1), rs.getString(2)));
                }
            }
            return out;
        }
    }

    /** The cached vectors of a model for the given content hashes (those it has). */
    static Map<String, float[]> vectors(
            Connection c, String modelId, String modelVersion, Collection<String> contentHashes) throws SQLException {
        Map<String, float[]> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT vector FROM embeddings WHERE model_id = ? AND model_version = ? AND content_hash = ?")) {
            for (String hash : contentHashes) {
                ps.setString(1, modelId);
                ps.setString(2, modelVersion);
                ps.setString(3, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        out.put(hash, JdbcConnection.fromBytes(rs.getBytes(1)));
                    }
                }
            }
            return out;
        }
    }

    /** Adds vectors to the cache; one already there is kept. */
    static void putVectors(Connection c, String modelId, String modelVersion, Map<String, float[]> byContentHash)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO embeddings (model_id, model_version, content_hash, vector) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING")) {
            for (Map.Entry<String, float[]> e : byContentHash.entrySet()) {
                ps.setString(1, modelId);
                ps.setString(2, modelVersion);
                ps.setString(3, e.getKey());
                ps.setBytes(4, JdbcConnection.toBytes(e.getValue()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The number of cached vectors (all models). */
    static int vectorCount(Connection c) throws SQLException {
        return count(c, "SELECT COUNT(*) FROM embeddings");
    }

    /** The number of chunk rows. */
    static int chunkCount(Connection c) throws SQLException {
        return count(c, "SELECT COUNT(*) FROM chunks");
    }

    private static int count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
