package dev.sluice.jdbc;

import dev.sluice.access.ApiKeyRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** SQL for API keys; {@link JdbcCatalog} serializes calls and owns transactions. */
final class ApiKeySql {
    private ApiKeySql() {}

    static void insert(Connection c, ApiKeyRecord key, String keyHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_keys (id, key_hash, principal, groups_csv,"
                + " scopes_csv, created_millis, revoked_millis) VALUES (?, ?, ?, ?, ?, ?, 0)")) {
            ps.setString(1, key.id());
            ps.setString(2, keyHash);
            ps.setString(3, key.principal());
            ps.setString(4, String.join(",", key.groups()));
            ps.setString(5, String.join(",", key.scopes()));
            ps.setLong(6, key.createdMillis());
            ps.executeUpdate();
        }
    }

    static ApiKeyRecord byHash(Connection c, String keyHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM api_keys WHERE key_hash = ?")) {
            ps.setString(1, keyHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? record(rs) : null;
            }
        }
    }

    static List<ApiKeyRecord> all(Connection c) throws SQLException {
        List<ApiKeyRecord> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM api_keys ORDER BY created_millis, id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(record(rs));
            }
        }
        return out;
    }

    static boolean revoke(Connection c, String id, long nowMillis) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE api_keys SET revoked_millis = ? WHERE id = ? AND revoked_millis = 0")) {
            ps.setLong(1, nowMillis);
            ps.setString(2, id);
            return ps.executeUpdate() == 1;
        }
    }

    private static ApiKeyRecord record(ResultSet rs) throws SQLException {
        return new ApiKeyRecord(
                rs.getString("id"),
                rs.getString("principal"),
                split(rs.getString("groups_csv")),
                split(rs.getString("scopes_csv")),
                rs.getLong("created_millis"),
                rs.getLong("revoked_millis"));
    }

    private static List<String> split(String csv) {
        return csv.isEmpty() ? List.of() : Arrays.asList(csv.split(","));
    }
}
