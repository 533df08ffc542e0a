package dev.sluice.jdbc;

import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.DocumentRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** SQL that reads documents; {@link JdbcCatalog} serializes calls and owns transactions. */
final class DocumentSql {
    private DocumentSql() {}

    static Map<String, DocumentRecord> all(Connection c) throws SQLException {
        Map<String, DocumentRecord> out = new HashMap<>();
        for (DocumentRecord d : list(c, "SELECT * FROM documents")) {
            out.put(d.uri(), d);
        }
        return out;
    }

    /** The documents a query with these parameters selects, in its order. */
    static List<DocumentRecord> list(Connection c, String sql, Object... parameters) throws SQLException {
        List<DocumentRecord> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(document(rs));
                }
            }
        }
        return out;
    }

    static List<Catalog.DocumentGroup> groups(Connection c) throws SQLException {
        List<Catalog.DocumentGroup> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                        SELECT source, status, reason, model_id, model_version, chunker_version, access,
                               COUNT(*) AS documents, SUM(chunk_count) AS chunks
                        FROM documents
                        GROUP BY source, status, reason, model_id, model_version, chunker_version, access""");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Catalog.DocumentGroup(
                        rs.getString("source"),
                        rs.getString("status"),
                        rs.getString("reason"),
                        rs.getString("model_id"),
                        rs.getString("model_version"),
                        rs.getString("chunker_version"),
                        rs.getString("access"),
                        rs.getInt("documents"),
                        rs.getLong("chunks")));
            }
        }
        return out;
    }

    static List<Catalog.Removal> removals(Connection c, String ref) throws SQLException {
        List<Catalog.Removal> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT * FROM removed_documents WHERE uri = ? OR path = ? ORDER BY removed_run_id DESC, uri")) {
            ps.setString(1, ref);
            ps.setString(2, ref);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Catalog.Removal(
                            rs.getString("uri"),
                            rs.getString("source"),
                            rs.getString("path"),
                            rs.getString("access"),
                            rs.getLong("indexed_run_id"),
                            rs.getLong("removed_run_id")));
                }
            }
        }
        return out;
    }

    static DocumentRecord document(ResultSet rs) throws SQLException {
        return new DocumentRecord(
                rs.getString("uri"),
                rs.getString("source"),
                rs.getString("path"),
                rs.getLong("size_bytes"),
                rs.getLong("modified_millis"),
                rs.getString("content_hash"),
                rs.getString("status"),
                rs.getString("reason"),
                rs.getString("message"),
                rs.getString("chunker_version"),
                rs.getString("model_id"),
                rs.getString("model_version"),
                rs.getInt("chunk_count"),
                rs.getLong("first_seen_millis"),
                rs.getLong("last_seen_millis"),
                rs.getLong("run_id"),
                rs.getString("source_version"),
                rs.getString("access"));
    }

    /** Applies a run's document changes (the caller holds the transaction). */
    static void apply(Connection connection, long runId, List<Catalog.Change> changes) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                        INSERT INTO documents (uri, source, path, size_bytes, modified_millis, content_hash, status, reason,
                          message, chunker_version, model_id, model_version, chunk_count, first_seen_millis, last_seen_millis, run_id,
                          source_version, access)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT(uri) DO UPDATE SET source = excluded.source, path = excluded.path,
                          size_bytes = excluded.size_bytes, modified_millis = excluded.modified_millis,
                          content_hash = excluded.content_hash, status = excluded.status, reason = excluded.reason,
                          message = excluded.message, chunker_version = excluded.chunker_version,
                          model_id = excluded.model_id, model_version = excluded.model_version,
                          chunk_count = excluded.chunk_count, last_seen_millis = excluded.last_seen_millis,
                          run_id = excluded.run_id, source_version = excluded.source_version,
                          access = excluded.access""");
                PreparedStatement dropChunks =
                        connection.prepareStatement("DELETE FROM chunks WHERE document_uri = ?");
                PreparedStatement addChunk = connection.prepareStatement(SqlDialect.insertOrReplace(
                        "chunks", "id", "id, document_uri, ordinal, content_hash, run_id", null));
                PreparedStatement drop = connection.prepareStatement("DELETE FROM documents WHERE uri = ?");
                PreparedStatement remember = connection.prepareStatement(SqlDialect.insertOrReplace(
                        "removed_documents",
                        "uri",
                        "uri, source, path, access, indexed_run_id, removed_run_id",
                        "SELECT uri, source, path, access, run_id, ? FROM documents WHERE uri = ?"));
                PreparedStatement forget = connection.prepareStatement("DELETE FROM removed_documents WHERE uri = ?");
                PreparedStatement seen =
                        connection.prepareStatement("UPDATE documents SET last_seen_millis = ? WHERE uri = ?")) {
            for (Catalog.Change change : changes) {
                switch (change) {
                    case Catalog.Change.Indexed(DocumentRecord d, List<Catalog.ChunkRow> chunks) -> {
                        bind(upsert, d, runId);
                        upsert.executeUpdate();
                        forget.setString(1, d.uri());
                        forget.executeUpdate();
                        dropChunks.setString(1, d.uri());
                        dropChunks.executeUpdate();
                        for (int i = 0; i < chunks.size(); i++) {
                            addChunk.setString(1, chunks.get(i).id());
                            addChunk.setString(2, d.uri());
                            addChunk.setInt(3, i);
                            addChunk.setString(4, chunks.get(i).contentHash());
                            addChunk.setLong(5, runId);
                            addChunk.addBatch();
                        }
                        addChunk.executeBatch();
                    }
                    case Catalog.Change.Quarantined(DocumentRecord d) -> {
                        bind(upsert, d, runId);
                        upsert.executeUpdate();
                        forget.setString(1, d.uri());
                        forget.executeUpdate();
                        dropChunks.setString(1, d.uri());
                        dropChunks.executeUpdate();
                    }
                    case Catalog.Change.Deleted(String uri) -> {
                        remember.setLong(1, runId);
                        remember.setString(2, uri);
                        remember.executeUpdate();
                        dropChunks.setString(1, uri);
                        dropChunks.executeUpdate();
                        drop.setString(1, uri);
                        drop.executeUpdate();
                    }
                    case Catalog.Change.Seen(String uri, long now) -> {
                        seen.setLong(1, now);
                        seen.setString(2, uri);
                        seen.executeUpdate();
                    }
                }
            }
        }
    }

    private static void bind(PreparedStatement ps, DocumentRecord d, long runId) throws SQLException {
        ps.setString(1, d.uri());
        ps.setString(2, d.source());
        ps.setString(3, d.path());
        ps.setLong(4, d.sizeBytes());
        ps.setLong(5, d.modifiedMillis());
        ps.setString(6, d.contentHash());
        ps.setString(7, d.status());
        ps.setString(8, d.reason());
        ps.setString(9, d.message());
        ps.setString(10, d.chunkerVersion());
        ps.setString(11, d.modelId());
        ps.setString(12, d.modelVersion());
        ps.setInt(13, d.chunkCount());
        ps.setLong(14, d.firstSeenMillis());
        ps.setLong(15, d.lastSeenMillis());
        ps.setLong(16, runId);
        ps.setString(17, d.sourceVersion());
        ps.setString(18, d.access());
    }
}
