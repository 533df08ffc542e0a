package dev.sluice.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The few constructs the dialects spell differently, and the portable upsert that replaces SQLite's
 * {@code INSERT OR REPLACE}: the text each writes, and what the SQLite spelling does on a real SQLite
 * (the PostgreSQL spelling runs in sluice-postgres' engine tests).
 */
class SqlDialectTest {
    @Test
    void should_write_an_upsert_that_updates_every_column_outside_the_key() {
        assertThat(SqlDialect.insertOrReplace(
                        "source_quality", "run_id, source", "run_id, source, at_millis, quality", null))
                .isEqualTo("INSERT INTO source_quality (run_id, source, at_millis, quality) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (run_id, source) DO UPDATE SET at_millis = excluded.at_millis,"
                        + " quality = excluded.quality");
    }

    @Test
    void should_insert_from_a_select_and_do_nothing_when_every_column_is_the_key() {
        assertThat(SqlDialect.insertOrReplace("t", "a", "a", "SELECT a FROM s WHERE a = ?"))
                .isEqualTo("INSERT INTO t (a) SELECT a FROM s WHERE a = ? ON CONFLICT (a) DO NOTHING");
    }

    @Test
    void should_refuse_a_key_that_is_not_among_the_columns() {
        assertThatThrownBy(() -> SqlDialect.insertOrReplace("t", "id", "a, b", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keys id must be among the columns a, b");
    }

    @Test
    void should_replace_the_row_of_the_same_key_on_sqlite_as_insert_or_replace_did() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL, w TEXT)");
            String upsert = SqlDialect.insertOrReplace("t", "k", "k, v, w", null);
            for (Object[] row : new Object[][] {{"a", 1, "x"}, {"a", 2, null}, {"b", 3, "y"}}) {
                try (var ps = c.prepareStatement(upsert)) {
                    for (int i = 0; i < row.length; i++) {
                        ps.setObject(i + 1, row[i]);
                    }
                    ps.executeUpdate();
                }
            }
            assertThat(rows(s, "SELECT k || ':' || v || ':' || COALESCE(w, 'null') FROM t ORDER BY k"))
                    .isEqualTo("a:2:null b:3:y");
        }
    }

    @Test
    void should_give_the_utc_day_and_a_json_field_on_sqlite() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (at_millis INTEGER, checks TEXT)");
            s.execute("INSERT INTO t VALUES (1772409599999, '{\"duplicateOf\":\"file:/a.md\"}'),"
                    + " (1772409600000, '{\"duplicateOf\":null}'), (0, '{}')");
            assertThat(rows(s, "SELECT " + SqlDialect.SQLITE.utcDay("at_millis") + " FROM t ORDER BY at_millis"))
                    .isEqualTo("1970-01-01 2026-03-01 2026-03-02");
            assertThat(rows(
                            s,
                            "SELECT at_millis FROM t WHERE " + SqlDialect.SQLITE.jsonField("checks", "duplicateOf")
                                    + " IS NULL ORDER BY at_millis"))
                    .isEqualTo("0 1772409600000");
        }
    }

    @Test
    void should_spell_the_utc_day_and_a_json_field_for_postgresql() {
        assertThat(SqlDialect.POSTGRESQL.utcDay("at_millis"))
                .isEqualTo("to_char(to_timestamp(at_millis / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD')");
        assertThat(SqlDialect.POSTGRESQL.jsonField("checks", "duplicateOf"))
                .isEqualTo("(checks::jsonb ->> 'duplicateOf')");
    }

    private static String rows(Statement s, String sql) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.append(out.isEmpty() ? "" : " ").append(rs.getString(1));
            }
        }
        return out.toString();
    }
}
