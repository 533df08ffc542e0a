package dev.sluice.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.incident.Finding;
import dev.sluice.incident.Incident;
import dev.sluice.incident.IncidentStore;
import dev.sluice.incident.Notification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for incidents and their notifications; {@link JdbcCatalog} serializes calls and owns transactions. */
final class IncidentSql {
    private static final ObjectMapper JSON = new ObjectMapper();

    private IncidentSql() {}

    static IncidentStore.Opened open(Connection c, Finding f, long now) throws SQLException {
        Optional<Incident> existing = openByKey(c, f.key());
        if (existing.isPresent()) {
            return new IncidentStore.Opened(existing.get(), false);
        }
        // The partial unique index makes a second process's insert of the same key fail instead of duplicating.
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO incidents (kind, subject, incident_key, severity, summary, evidence,"
                        + " opened_millis, updated_millis) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, f.kind().label());
            ps.setString(2, f.subject());
            ps.setString(3, f.key());
            ps.setString(4, f.severity());
            ps.setString(5, f.summary());
            ps.setString(6, write(f.evidence()));
            ps.setLong(7, now);
            ps.setLong(8, now);
            int inserted = ps.executeUpdate();
            return new IncidentStore.Opened(openByKey(c, f.key()).orElseThrow(), inserted == 1);
        }
    }

    static void update(Connection c, long id, String severity, String summary, Map<String, Object> evidence, long now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE incidents SET severity = ?, summary = ?, evidence = ?,"
                + " updated_millis = ? WHERE id = ? AND resolved_millis = 0")) {
            ps.setString(1, severity);
            ps.setString(2, summary);
            ps.setString(3, write(evidence));
            ps.setLong(4, now);
            ps.setLong(5, id);
            ps.executeUpdate();
        }
    }

    static boolean resolve(Connection c, long id, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE incidents SET resolved_millis = ?, updated_millis = ? WHERE id = ? AND resolved_millis = 0")) {
            ps.setLong(1, Math.max(1, now));
            ps.setLong(2, now);
            ps.setLong(3, id);
            return ps.executeUpdate() == 1;
        }
    }

    static boolean acknowledge(Connection c, long id, String by, long now) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE incidents SET acknowledged_millis = ?, acknowledged_by = ?"
                        + " WHERE id = ? AND resolved_millis = 0 AND acknowledged_millis = 0")) {
            ps.setLong(1, Math.max(1, now));
            ps.setString(2, by);
            ps.setLong(3, id);
            return ps.executeUpdate() == 1;
        }
    }

    static Optional<Incident> byId(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM incidents WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(incident(rs)) : Optional.empty();
            }
        }
    }

    static List<Incident> list(Connection c, boolean openOnly, int limit) throws SQLException {
        List<Incident> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM incidents"
                + (openOnly ? " WHERE resolved_millis = 0" : "") + " ORDER BY id DESC LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(incident(rs));
                }
            }
        }
        return out;
    }

    static boolean queue(Connection c, long incidentId, String event, String target, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO incident_notifications (incident_id,"
                + " event, target, next_attempt_millis) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setLong(1, incidentId);
            ps.setString(2, event);
            ps.setString(3, target);
            ps.setLong(4, now);
            return ps.executeUpdate() == 1;
        }
    }

    static List<Notification> due(Connection c, long now, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM incident_notifications WHERE delivered_millis = 0"
                + " AND next_attempt_millis <= ? ORDER BY id LIMIT ?")) {
            ps.setLong(1, now);
            ps.setInt(2, limit);
            return notifications(ps);
        }
    }

    static List<Notification> ofIncident(Connection c, long incidentId) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT * FROM incident_notifications WHERE incident_id = ? ORDER BY id")) {
            ps.setLong(1, incidentId);
            return notifications(ps);
        }
    }

    static void delivered(Connection c, long id, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE incident_notifications SET delivered_millis = ?, last_error = NULL WHERE id = ?")) {
            ps.setLong(1, Math.max(1, now));
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    static void failed(Connection c, long id, String error, long nextAttempt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE incident_notifications SET attempts = attempts + 1,"
                + " last_error = ?, next_attempt_millis = ? WHERE id = ?")) {
            ps.setString(1, error);
            ps.setLong(2, nextAttempt);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    private static Optional<Incident> openByKey(Connection c, String key) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT * FROM incidents WHERE incident_key = ? AND resolved_millis = 0")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(incident(rs)) : Optional.empty();
            }
        }
    }

    private static List<Notification> notifications(PreparedStatement ps) throws SQLException {
        List<Notification> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Notification(
                        rs.getLong("id"),
                        rs.getLong("incident_id"),
                        rs.getString("event"),
                        rs.getString("target"),
                        rs.getInt("attempts"),
                        rs.getLong("next_attempt_millis"),
                        rs.getLong("delivered_millis"),
                        rs.getString("last_error")));
            }
        }
        return out;
    }

    private static Incident incident(ResultSet rs) throws SQLException {
        Incident.Kind kind = Incident.Kind.fromLabel(rs.getString("kind"));
        if (kind == null) {
            throw new SQLException("incident " + rs.getLong("id") + " has an unknown kind " + rs.getString("kind")
                    + " (written by a newer Sluice?)");
        }
        Map<String, Object> evidence;
        try {
            evidence = JSON.readValue(rs.getString("evidence"), new TypeReference<Map<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new SQLException("incident " + rs.getLong("id") + " has evidence that is not JSON", e);
        }
        return new Incident(
                rs.getLong("id"),
                kind,
                rs.getString("subject"),
                rs.getString("severity"),
                rs.getString("summary"),
                evidence,
                rs.getLong("opened_millis"),
                rs.getLong("updated_millis"),
                rs.getLong("acknowledged_millis"),
                rs.getString("acknowledged_by"),
                rs.getLong("resolved_millis"));
    }

    private static String write(Map<String, Object> evidence) {
        try {
            return JSON.writeValueAsString(evidence);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("incident evidence must be plain JSON values: " + e.getMessage(), e);
        }
    }
}
