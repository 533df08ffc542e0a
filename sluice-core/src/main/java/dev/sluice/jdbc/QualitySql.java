package dev.sluice.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.quality.DocumentChecks;
import dev.sluice.quality.QualityStore.StoredSignature;
import dev.sluice.quality.SourceQuality;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The SQL of the quality store: document checks (one JSON row per document) and source figures per run. */
final class QualitySql {
    private static final ObjectMapper JSON = new ObjectMapper();

    private QualitySql() {}

    static int putChecks(Connection c, Collection<DocumentChecks> checks, Map<String, StoredSignature> signatures)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO document_checks (uri, source, run_id, indexed, content_hash, signature, checks)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(uri) DO UPDATE SET source = excluded.source, run_id = excluded.run_id,
                  indexed = excluded.indexed, content_hash = excluded.content_hash,
                  signature = excluded.signature, checks = excluded.checks""")) {
            for (DocumentChecks d : checks) {
                StoredSignature s = signatures.get(d.uri());
                ps.setString(1, d.uri());
                ps.setString(2, d.source());
                ps.setLong(3, d.runId());
                ps.setInt(4, DocumentChecks.QUARANTINED.equals(d.outcome()) ? 0 : 1);
                ps.setString(5, s == null ? null : s.contentHash());
                ps.setBytes(6, s == null ? null : s.signature());
                ps.setString(7, json(d));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return checks.size();
    }

    static int removeChecks(Connection c, Collection<String> uris) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM document_checks WHERE uri = ?")) {
            for (String uri : uris) {
                ps.setString(1, uri);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return uris.size();
    }

    static Map<String, DocumentChecks> all(Connection c) throws SQLException {
        Map<String, DocumentChecks> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT uri, checks FROM document_checks");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), read(rs.getString(2), DocumentChecks.class, rs.getString(1)));
            }
        }
        return out;
    }

    static DocumentChecks one(Connection c, String uri) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT checks FROM document_checks WHERE uri = ?")) {
            ps.setString(1, uri);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs.getString(1), DocumentChecks.class, uri) : null;
            }
        }
    }

    static List<StoredSignature> signatures(Connection c, SqlDialect dialect) throws SQLException {
        List<StoredSignature> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                        "SELECT uri, content_hash, signature FROM document_checks WHERE indexed = 1 AND signature IS NOT NULL"
                                + " AND " + dialect.jsonField("checks", "duplicateOf") + " IS NULL");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new StoredSignature(rs.getString(1), rs.getString(2), rs.getBytes(3)));
            }
        }
        return out;
    }

    static int putSourceQuality(Connection c, List<SourceQuality> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SqlDialect.insertOrReplace(
                "source_quality", "run_id, source", "run_id, source, at_millis, published, quality", null))) {
            for (SourceQuality q : rows) {
                ps.setLong(1, q.runId());
                ps.setString(2, q.source());
                ps.setLong(3, q.atMillis());
                ps.setInt(4, q.published() ? 1 : 0);
                ps.setString(5, json(q));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return rows.size();
    }

    static List<SourceQuality> sourceQuality(Connection c, String source, int runs) throws SQLException {
        String sql = source == null
                ? """
                SELECT quality FROM source_quality WHERE run_id IN
                  (SELECT DISTINCT run_id FROM source_quality ORDER BY run_id DESC LIMIT ?)
                ORDER BY run_id DESC, source"""
                : "SELECT quality FROM source_quality WHERE source = ? ORDER BY run_id DESC LIMIT ?";
        List<SourceQuality> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (source != null) {
                ps.setString(i++, source);
            }
            ps.setInt(i, runs);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs.getString(1), SourceQuality.class, "source quality"));
                }
            }
        }
        return out;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static <T> T read(String json, Class<T> type, String what) throws SQLException {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new SQLException(
                    "the stored " + type.getSimpleName() + " of " + what + " is not readable JSON: "
                            + e.getOriginalMessage(),
                    e);
        }
    }
}
