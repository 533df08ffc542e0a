package dev.sluice.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.answer.AnswerRecord;
import dev.sluice.answer.FeedbackDiagnosis;
import dev.sluice.answer.FeedbackRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** SQL for answers and their feedback; {@link JdbcCatalog} serializes calls and owns transactions. */
final class AnswerSql {
    private AnswerSql() {}

    static void insertAnswer(Connection c, AnswerRecord a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO answers (id, key_id, principal, question, answer,"
                + " kind, context_uris, created_millis) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, a.id());
            ps.setString(2, a.keyId());
            ps.setString(3, a.principal());
            ps.setString(4, a.question());
            ps.setString(5, a.answer());
            ps.setString(6, a.kind());
            ps.setString(7, String.join("\n", a.contextUris()));
            ps.setLong(8, a.createdMillis());
            ps.executeUpdate();
        }
    }

    static AnswerRecord answer(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM answers WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? answer(rs) : null;
            }
        }
    }

    static long insertFeedback(Connection c, FeedbackRecord f) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO feedback (answer_id, key_id, principal, rating, comment, created_millis)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                java.sql.Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, f.answerId());
            ps.setString(2, f.keyId());
            ps.setString(3, f.principal());
            ps.setString(4, f.rating());
            ps.setString(5, f.comment());
            ps.setLong(6, f.createdMillis());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Keeps (or replaces) the diagnosis of one feedback. */
    static void upsertDiagnosis(Connection c, long feedbackId, FeedbackDiagnosis d) throws SQLException {
        try (PreparedStatement check = c.prepareStatement("SELECT 1 FROM feedback WHERE id = ?")) {
            check.setLong(1, feedbackId);
            try (ResultSet rs = check.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("feedbackId must name stored feedback, got " + feedbackId);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(SqlDialect.insertOrReplace(
                "feedback_diagnoses",
                "feedback_id",
                "feedback_id, expect, expect_text, expected_uri, layer, cause, summary, evidence, fix, passed, error,"
                        + " created_millis",
                null))) {
            ps.setLong(1, feedbackId);
            ps.setString(2, d.expect());
            ps.setString(3, d.expectText());
            ps.setString(4, d.expectedUri());
            ps.setString(5, d.layer());
            ps.setString(6, d.cause());
            ps.setString(7, d.summary());
            try {
                ps.setString(8, JSON.writeValueAsString(d.evidence()));
            } catch (JsonProcessingException e) {
                throw new SQLException("cannot write the diagnosis evidence as JSON: " + e.getMessage(), e);
            }
            ps.setString(9, d.fix());
            ps.setString(10, String.join(",", d.passed()));
            ps.setString(11, d.error());
            ps.setLong(12, d.createdMillis());
            ps.executeUpdate();
        }
    }

    private static FeedbackDiagnosis diagnosis(ResultSet rs) throws SQLException {
        String evidence = rs.getString("d_evidence");
        if (evidence == null) {
            return null; // no diagnosis ran
        }
        Map<String, Object> values;
        try {
            values = JSON.readValue(evidence, new TypeReference<Map<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot read the diagnosis evidence as JSON: " + e.getMessage(), e);
        }
        String passed = rs.getString("d_passed");
        return new FeedbackDiagnosis(
                rs.getString("d_expect"),
                rs.getString("d_expect_text"),
                rs.getString("d_expected_uri"),
                rs.getString("d_layer"),
                rs.getString("d_cause"),
                rs.getString("d_summary"),
                values,
                rs.getString("d_fix"),
                passed.isEmpty() ? List.of() : List.of(passed.split(",")),
                rs.getString("d_error"),
                rs.getLong("d_created_millis"));
    }

    /** Answers given since then, newest first. */
    static List<AnswerRecord> answersSince(Connection c, long sinceMillis, int limit) throws SQLException {
        List<AnswerRecord> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT * FROM answers WHERE created_millis >= ? ORDER BY created_millis DESC LIMIT ?")) {
            ps.setLong(1, sinceMillis);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(answer(rs));
                }
            }
        }
        return out;
    }

    /** The latest feedback first, with the answer each is about. */
    static List<dev.sluice.answer.AnswerStore.Feedback> feedback(Connection c, int limit) throws SQLException {
        return feedbackSince(c, Long.MIN_VALUE, limit);
    }

    /** Feedback given since then, latest first, with the answer each is about. */
    static List<dev.sluice.answer.AnswerStore.Feedback> feedbackSince(Connection c, long sinceMillis, int limit)
            throws SQLException {
        List<dev.sluice.answer.AnswerStore.Feedback> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT f.id AS f_id, f.answer_id AS f_answer_id, f.key_id AS"
                + " f_key_id, f.principal AS f_principal, f.rating AS f_rating, f.comment AS f_comment,"
                + " f.created_millis AS f_created_millis, d.expect AS d_expect, d.expect_text AS d_expect_text,"
                + " d.expected_uri AS d_expected_uri, d.layer AS d_layer, d.cause AS d_cause, d.summary AS d_summary,"
                + " d.evidence AS d_evidence, d.fix AS d_fix, d.passed AS d_passed, d.error AS d_error,"
                + " d.created_millis AS d_created_millis, a.* FROM feedback f JOIN answers a ON a.id = f.answer_id"
                + " LEFT JOIN feedback_diagnoses d ON d.feedback_id = f.id"
                + " WHERE f.created_millis >= ? ORDER BY f.id DESC LIMIT ?")) {
            ps.setLong(1, sinceMillis);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new dev.sluice.answer.AnswerStore.Feedback(
                            new FeedbackRecord(
                                    rs.getLong("f_id"),
                                    rs.getString("f_answer_id"),
                                    rs.getString("f_key_id"),
                                    rs.getString("f_principal"),
                                    rs.getString("f_rating"),
                                    rs.getString("f_comment"),
                                    rs.getLong("f_created_millis")),
                            answer(rs),
                            diagnosis(rs)));
                }
            }
        }
        return out;
    }

    private static AnswerRecord answer(ResultSet rs) throws SQLException {
        String uris = rs.getString("context_uris");
        return new AnswerRecord(
                rs.getString("id"),
                rs.getString("key_id"),
                rs.getString("principal"),
                rs.getString("question"),
                rs.getString("answer"),
                rs.getString("kind"),
                uris.isEmpty() ? List.of() : List.of(uris.split("\n")),
                rs.getLong("created_millis"));
    }
}
