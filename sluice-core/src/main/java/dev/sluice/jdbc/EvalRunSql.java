package dev.sluice.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.eval.EvalQueryResult;
import dev.sluice.eval.EvalRunRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SQL for evaluation runs; {@link JdbcCatalog} serializes calls and owns transactions. */
final class EvalRunSql {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Double>> VALUES = new TypeReference<>() {};
    private static final TypeReference<LinkedHashMap<String, Integer>> RANKS = new TypeReference<>() {};
    private static final TypeReference<List<String>> LIST = new TypeReference<>() {};
    private static final TypeReference<LinkedHashMap<String, String>> SETTINGS = new TypeReference<>() {};

    private EvalRunSql() {}

    static long insert(Connection connection, EvalRunRecord run, List<EvalQueryResult> results) throws SQLException {
        long id;
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO eval_runs (set_name, set_fingerprint, started_millis, finished_millis, modes, metrics,"
                        + " queries, model_id, settings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, run.setName());
            ps.setString(2, run.setFingerprint());
            ps.setLong(3, run.startedMillis());
            ps.setLong(4, run.finishedMillis());
            ps.setString(5, String.join(",", run.modes()));
            ps.setString(6, String.join(",", run.metrics()));
            ps.setInt(7, run.queries());
            ps.setString(8, run.modelId());
            ps.setString(9, write(run.settings()));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO eval_results (run_id, mode, query_id, ordinal, metric_values, relevant_ranks,"
                        + " top_documents) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            int ordinal = 0;
            for (EvalQueryResult r : results) {
                ps.setLong(1, id);
                ps.setString(2, r.mode());
                ps.setString(3, r.queryId());
                ps.setInt(4, ordinal++);
                ps.setString(5, write(new LinkedHashMap<>(r.values())));
                ps.setString(6, write(new LinkedHashMap<>(r.relevantRanks())));
                ps.setString(7, write(r.topDocuments()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return id;
    }

    static List<EvalRunRecord> runs(Connection connection) throws SQLException {
        List<EvalRunRecord> out = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM eval_runs ORDER BY id DESC")) {
            while (rs.next()) {
                out.add(record(connection, rs));
            }
        }
        return out;
    }

    static EvalRunRecord run(Connection connection, long id) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT * FROM eval_runs WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? record(connection, rs) : null;
            }
        }
    }

    static List<EvalQueryResult> results(Connection connection, long runId) throws SQLException {
        List<EvalQueryResult> out = new ArrayList<>();
        try (PreparedStatement ps =
                connection.prepareStatement("SELECT * FROM eval_results WHERE run_id = ? ORDER BY ordinal")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new EvalQueryResult(
                            rs.getString("mode"),
                            rs.getString("query_id"),
                            read(rs.getString("metric_values"), VALUES),
                            read(rs.getString("relevant_ranks"), RANKS),
                            read(rs.getString("top_documents"), LIST)));
                }
            }
        }
        return out;
    }

    private static EvalRunRecord record(Connection connection, ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        List<String> modes = List.of(rs.getString("modes").split(","));
        List<String> metrics = List.of(rs.getString("metrics").split(","));
        Map<String, Map<String, Double>> means = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (PreparedStatement ps =
                connection.prepareStatement("SELECT mode, metric_values FROM eval_results WHERE run_id = ?")) {
            ps.setLong(1, id);
            try (ResultSet results = ps.executeQuery()) {
                while (results.next()) {
                    String mode = results.getString(1);
                    Map<String, Double> sums = means.computeIfAbsent(mode, m -> new LinkedHashMap<>());
                    read(results.getString(2), VALUES).forEach((metric, v) -> sums.merge(metric, v, Double::sum));
                    counts.merge(mode, 1, Integer::sum);
                }
            }
        }
        means.forEach((mode, sums) -> sums.replaceAll((metric, sum) -> sum / counts.get(mode)));
        return new EvalRunRecord(
                id,
                rs.getString("set_name"),
                rs.getString("set_fingerprint"),
                rs.getLong("started_millis"),
                rs.getLong("finished_millis"),
                modes,
                metrics,
                rs.getInt("queries"),
                rs.getString("model_id"),
                read(rs.getString("settings"), SETTINGS),
                means);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings and numbers always serialize", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) throws SQLException {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new SQLException("a stored evaluation result is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
