package dev.sluice.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.observe.SpanRecord;
import dev.sluice.observe.TraceSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** SQL for the trace store; {@link JdbcCatalog} serializes calls and owns transactions. */
final class TraceSql {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TraceSql() {}

    static void add(Connection c, List<SpanRecord> spans) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO spans (trace_id, span_id, parent_span_id, name, start_nanos, end_nanos, status,"
                        + " attributes, events) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (SpanRecord s : spans) {
                ps.setString(1, s.traceId());
                ps.setString(2, s.spanId());
                ps.setString(3, s.parentSpanId());
                ps.setString(4, s.name());
                ps.setLong(5, s.startEpochNanos());
                ps.setLong(6, s.endEpochNanos());
                ps.setString(7, s.status());
                ps.setString(8, write(s.attributes()));
                ps.setString(9, write(s.events()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static List<SpanRecord> trace(Connection c, String traceId) throws SQLException {
        List<SpanRecord> out = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement("SELECT * FROM spans WHERE trace_id = ? ORDER BY start_nanos, span_id")) {
            ps.setString(1, traceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(span(rs));
                }
            }
        }
        return out;
    }

    private static SpanRecord span(ResultSet rs) throws SQLException {
        return new SpanRecord(
                rs.getString("trace_id"),
                rs.getString("span_id"),
                rs.getString("parent_span_id"),
                rs.getString("name"),
                rs.getLong("start_nanos"),
                rs.getLong("end_nanos"),
                rs.getString("status"),
                read(rs.getString("attributes"), new TypeReference<Map<String, Object>>() {}),
                events(rs.getString("events")));
    }

    /** Spans named {@code name} (or roots, for null) that started since then, newest first. */
    static List<SpanRecord> spans(Connection c, String name, long sinceEpochMillis, int limit) throws SQLException {
        List<SpanRecord> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM spans WHERE "
                + (name == null ? "parent_span_id = ''" : "name = ?")
                + " AND start_nanos >= ? ORDER BY start_nanos DESC LIMIT ?")) {
            int i = 1;
            if (name != null) {
                ps.setString(i++, name);
            }
            ps.setLong(i++, sinceEpochMillis * 1_000_000);
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(span(rs));
                }
            }
        }
        return out;
    }

    static List<TraceSummary> recent(Connection c, int limit) throws SQLException {
        List<TraceSummary> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT r.trace_id, r.name, r.start_nanos, r.end_nanos, r.status, r.attributes,
                       (SELECT COUNT(*) FROM spans s WHERE s.trace_id = r.trace_id) AS spans
                FROM spans r WHERE r.parent_span_id = '' ORDER BY r.start_nanos DESC LIMIT ?""")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> attributes =
                            read(rs.getString("attributes"), new TypeReference<Map<String, Object>>() {});
                    Object key = attributes.get("sluice.key.id");
                    out.add(new TraceSummary(
                            rs.getString("trace_id"),
                            rs.getString("name"),
                            rs.getLong("start_nanos") / 1_000_000,
                            (rs.getLong("end_nanos") - rs.getLong("start_nanos")) / 1e6,
                            rs.getInt("spans"),
                            key == null ? "" : key.toString(),
                            rs.getString("status")));
                }
            }
        }
        return out;
    }

    static int prune(Connection c, long olderThanEpochMillis, int maxSpans) throws SQLException {
        int dropped;
        try (PreparedStatement ps = c.prepareStatement("""
                DELETE FROM spans WHERE trace_id IN (
                  SELECT trace_id FROM spans WHERE parent_span_id = '' AND start_nanos < ?)""")) {
            ps.setLong(1, olderThanEpochMillis * 1_000_000);
            dropped = ps.executeUpdate();
        }
        int total;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM spans");
                ResultSet rs = ps.executeQuery()) {
            total = rs.next() ? rs.getInt(1) : 0;
        }
        if (total > maxSpans) {
            // Oldest whole traces first, until the rest fits.
            try (PreparedStatement ps = c.prepareStatement("""
                    DELETE FROM spans WHERE trace_id IN (
                      SELECT trace_id FROM (
                        SELECT trace_id, MIN(start_nanos) AS first,
                               SUM(COUNT(*)) OVER (ORDER BY MIN(start_nanos) DESC) AS newer_or_same
                        FROM spans GROUP BY trace_id) AS ranked
                      WHERE newer_or_same > ?)""")) {
                ps.setInt(1, maxSpans);
                dropped += ps.executeUpdate();
            }
        }
        return dropped;
    }

    private static List<SpanRecord.Event> events(String json) {
        List<Map<String, Object>> raw = read(json, new TypeReference<List<Map<String, Object>>>() {});
        List<SpanRecord.Event> out = new ArrayList<>();
        for (Map<String, Object> e : raw) {
            @SuppressWarnings("unchecked")
            Map<String, Object> attributes = (Map<String, Object>) e.getOrDefault("attributes", Map.of());
            out.add(new SpanRecord.Event(
                    String.valueOf(e.get("name")), ((Number) e.get("epochNanos")).longValue(), attributes));
        }
        return out;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("span values are plain JSON values", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored span is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
