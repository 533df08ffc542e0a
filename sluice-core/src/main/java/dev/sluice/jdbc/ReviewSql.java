package dev.sluice.jdbc;

import dev.sluice.review.Resolution;
import dev.sluice.review.ReviewItem;
import dev.sluice.review.ReviewScan;
import dev.sluice.review.ReviewStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for review items and the runs' conflict checks; {@link JdbcCatalog} serializes calls and owns transactions. */
final class ReviewSql {
    private static final String SIDE_COLUMNS =
            "uri, source, path, version, chunk_id, page, heading_path, sentence, value";

    private ReviewSql() {}

    static ReviewStore.Added add(Connection c, ReviewItem item, long now) throws SQLException {
        String key = item.pairKey();
        try (PreparedStatement ps =
                c.prepareStatement("SELECT id, status, resolution FROM review_items WHERE pair_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    if (!Resolution.SOURCE_CHANGED.label().equals(rs.getString("resolution"))) {
                        return ReviewStore.Added.KNOWN;
                    }
                    reopen(c, rs.getLong("id"), item, now);
                    return ReviewStore.Added.REOPENED;
                }
            }
        }
        // The unique pair key makes a second process's insert of the same pair a no-op instead of a duplicate.
        StringBuilder sql = new StringBuilder(
                "INSERT INTO review_items (kind, pair_key, status, subject," + " difference, run_id, created_millis");
        for (String side : List.of("left_", "right_")) {
            for (String column : SIDE_COLUMNS.split(", ")) {
                sql.append(", ").append(side).append(column);
            }
        }
        sql.append(") VALUES (?, ?, ?, ?, ?, ?, ?").append(", ?".repeat(18)).append(") ON CONFLICT DO NOTHING");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ps.setString(1, item.kind());
            ps.setString(2, key);
            ps.setString(3, ReviewItem.OPEN);
            ps.setString(4, item.subject());
            ps.setString(5, item.difference());
            ps.setLong(6, item.runId());
            ps.setLong(7, now);
            bindSide(ps, 8, item.left());
            bindSide(ps, 17, item.right());
            return ps.executeUpdate() == 1 ? ReviewStore.Added.CREATED : ReviewStore.Added.KNOWN;
        }
    }

    /** Opens a source-changed item again with the sides as found now. */
    private static void reopen(Connection c, long id, ReviewItem item, long now) throws SQLException {
        StringBuilder sql = new StringBuilder("UPDATE review_items SET status = ?, subject = ?, difference = ?,"
                + " run_id = ?, created_millis = ?, resolution = NULL, note = NULL, resolved_by = NULL,"
                + " resolved_millis = 0");
        for (String side : List.of("left_", "right_")) {
            for (String column : SIDE_COLUMNS.split(", ")) {
                sql.append(", ").append(side).append(column).append(" = ?");
            }
        }
        sql.append(" WHERE id = ?");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ps.setString(1, ReviewItem.OPEN);
            ps.setString(2, item.subject());
            ps.setString(3, item.difference());
            ps.setLong(4, item.runId());
            ps.setLong(5, now);
            bindSide(ps, 6, item.left());
            bindSide(ps, 15, item.right());
            ps.setLong(24, id);
            ps.executeUpdate();
        }
    }

    private static void bindSide(PreparedStatement ps, int first, ReviewItem.Side s) throws SQLException {
        ps.setString(first, s.documentUri());
        ps.setString(first + 1, s.source());
        ps.setString(first + 2, s.path());
        ps.setString(first + 3, s.documentVersion());
        ps.setString(first + 4, s.chunkId());
        ps.setInt(first + 5, s.page());
        ps.setString(first + 6, s.headingPath());
        ps.setString(first + 7, s.sentence());
        ps.setString(first + 8, s.value());
    }

    static Optional<ReviewItem> byId(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM review_items WHERE id = ?")) {
            ps.setLong(1, id);
            List<ReviewItem> found = items(ps);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
        }
    }

    static List<ReviewItem> list(Connection c, String status, String source, int limit, int offset)
            throws SQLException {
        List<String> where = new ArrayList<>();
        if (status != null) {
            where.add("status = ?");
        }
        if (source != null) {
            where.add("(left_source = ? OR right_source = ?)");
        }
        String sql = "SELECT * FROM review_items" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY id DESC LIMIT ? OFFSET ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (status != null) {
                ps.setString(i++, status);
            }
            if (source != null) {
                ps.setString(i++, source);
                ps.setString(i++, source);
            }
            ps.setInt(i++, limit);
            ps.setInt(i, offset);
            return items(ps);
        }
    }

    static List<ReviewItem> open(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM review_items WHERE status = ? ORDER BY id")) {
            ps.setString(1, ReviewItem.OPEN);
            return items(ps);
        }
    }

    static boolean resolve(Connection c, long id, Resolution r, String note, String by, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE review_items SET status = ?, resolution = ?, note = ?,"
                + " resolved_by = ?, resolved_millis = ? WHERE id = ? AND status = ?")) {
            ps.setString(1, ReviewItem.RESOLVED);
            ps.setString(2, r.label());
            ps.setString(3, note);
            ps.setString(4, by);
            ps.setLong(5, Math.max(1, now));
            ps.setLong(6, id);
            ps.setString(7, ReviewItem.OPEN);
            return ps.executeUpdate() == 1;
        }
    }

    static void recordScan(Connection c, ReviewScan s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SqlDialect.insertOrReplace(
                "review_scans",
                "run_id",
                "run_id, documents, chunks, candidates, found, added, reopened, source_changed, millis, error",
                null))) {
            ps.setLong(1, s.runId());
            ps.setInt(2, s.documents());
            ps.setInt(3, s.chunks());
            ps.setInt(4, s.candidates());
            ps.setInt(5, s.found());
            ps.setInt(6, s.added());
            ps.setInt(7, s.reopened());
            ps.setInt(8, s.sourceChanged());
            ps.setLong(9, s.millis());
            ps.setString(10, s.error());
            ps.executeUpdate();
        }
    }

    /** The check of run {@code runId}, or the latest when {@code runId} is negative. */
    static Optional<ReviewScan> scan(Connection c, long runId) throws SQLException {
        String sql = runId < 0
                ? "SELECT * FROM review_scans ORDER BY run_id DESC LIMIT 1"
                : "SELECT * FROM review_scans WHERE run_id = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (runId >= 0) {
                ps.setLong(1, runId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ReviewScan(
                        rs.getLong("run_id"),
                        rs.getInt("documents"),
                        rs.getInt("chunks"),
                        rs.getInt("candidates"),
                        rs.getInt("found"),
                        rs.getInt("added"),
                        rs.getInt("reopened"),
                        rs.getInt("source_changed"),
                        rs.getLong("millis"),
                        rs.getString("error")));
            }
        }
    }

    private static List<ReviewItem> items(PreparedStatement ps) throws SQLException {
        List<ReviewItem> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ReviewItem(
                        rs.getLong("id"),
                        rs.getString("kind"),
                        rs.getString("status"),
                        rs.getString("subject"),
                        rs.getString("difference"),
                        side(rs, "left_"),
                        side(rs, "right_"),
                        rs.getLong("run_id"),
                        rs.getLong("created_millis"),
                        Resolution.ofLabel(rs.getString("resolution")),
                        rs.getString("note"),
                        rs.getString("resolved_by"),
                        rs.getLong("resolved_millis")));
            }
        }
        return out;
    }

    private static ReviewItem.Side side(ResultSet rs, String prefix) throws SQLException {
        return new ReviewItem.Side(
                rs.getString(prefix + "uri"),
                rs.getString(prefix + "source"),
                rs.getString(prefix + "path"),
                rs.getString(prefix + "version"),
                rs.getString(prefix + "chunk_id"),
                rs.getInt(prefix + "page"),
                rs.getString(prefix + "heading_path"),
                rs.getString(prefix + "sentence"),
                rs.getString(prefix + "value"));
    }
}
