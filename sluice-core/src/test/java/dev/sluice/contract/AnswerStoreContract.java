package dev.sluice.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.answer.AnswerRecord;
import dev.sluice.answer.AnswerStore;
import dev.sluice.answer.FeedbackDiagnosis;
import dev.sluice.answer.FeedbackRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link AnswerStore} must do: answers by id, feedback newest first with its answer. */
@SuppressWarnings("try") // stores close without InterruptedException; the bound only needs AutoCloseable
public abstract class AnswerStoreContract<S extends AnswerStore & AutoCloseable> extends StoreFixture<S> {

    static AnswerRecord answer(String id) {
        return new AnswerRecord(
                id, "k1", "ana", "what?", "this [1]", "model", List.of("file:/a.md", "file:/b.md"), 1_000);
    }

    @Test
    void should_keep_answers_by_id_with_their_context_documents() {
        S store = open();
        store.addAnswer(answer("ans-1"));
        AnswerRecord read = open().answer("ans-1");
        assertThat(read).isEqualTo(answer("ans-1"));
        assertThat(store.answer("missing")).isNull();
    }

    @Test
    void should_list_feedback_newest_first_with_the_answer_it_is_about() {
        S store = open();
        store.addAnswer(answer("ans-1"));
        store.addAnswer(answer("ans-2"));
        long first = store.addFeedback(new FeedbackRecord(0, "ans-1", "k1", "ana", "down", "wrong page", 2_000));
        long second = store.addFeedback(new FeedbackRecord(0, "ans-2", "k1", "ana", "up", null, 3_000));
        assertThat(second).isGreaterThan(first);
        List<AnswerStore.Feedback> feedback = store.feedback(10);
        assertThat(feedback).extracting(f -> f.feedback().answerId()).containsExactly("ans-2", "ans-1");
        assertThat(feedback.get(1).feedback().comment()).isEqualTo("wrong page");
        assertThat(feedback.get(1).answer().question()).isEqualTo("what?");
        assertThat(store.feedback(1)).hasSize(1);
    }

    @Test
    void should_list_answers_and_feedback_given_since_a_time_newest_first() {
        S store = open();
        store.addAnswer(new AnswerRecord("old", "k1", "ana", "q?", "a", "model", List.of(), 1_000));
        store.addAnswer(new AnswerRecord("new", "k1", "ana", "q?", "a", "not_found", List.of(), 5_000));
        store.addFeedback(new FeedbackRecord(0, "old", "k1", "ana", "down", null, 1_500));
        store.addFeedback(new FeedbackRecord(0, "new", "k1", "ana", "up", null, 6_000));
        assertThat(store.answersSince(2_000, 10)).extracting(AnswerRecord::id).containsExactly("new");
        assertThat(store.answersSince(0, 10)).extracting(AnswerRecord::id).containsExactly("new", "old");
        assertThat(store.feedbackSince(1_500, 10))
                .extracting(f -> f.feedback().rating())
                .containsExactly("up", "down");
        assertThat(store.feedbackSince(2_000, 10).getFirst().answer().kind()).isEqualTo("not_found");
    }

    @Test
    void should_keep_a_diagnosis_with_its_feedback_and_read_it_back_with_the_feedback() {
        S store = open();
        store.addAnswer(answer("ans-1"));
        long down = store.addFeedback(new FeedbackRecord(0, "ans-1", "k1", "ana", "down", "wrong", 2_000));
        long up = store.addFeedback(new FeedbackRecord(0, "ans-1", "k1", "ana", "up", null, 3_000));
        FeedbackDiagnosis d = new FeedbackDiagnosis(
                "leave.md",
                "16 weeks",
                "file:/leave.md",
                "data",
                "quarantined",
                "hr: leave.md is quarantined",
                Map.of("reason", "corrupt", "ranks", Map.of("bm25", 3), "context", List.of("c1", "c2")),
                "repair leave.md, then run sluice sync",
                List.of(),
                null,
                2_500);
        store.addFeedbackDiagnosis(down, d);
        List<AnswerStore.Feedback> feedback = open().feedback(10);
        assertThat(feedback.get(0).feedback().id()).isEqualTo(up);
        assertThat(feedback.get(0).diagnosis()).isNull();
        assertThat(feedback.get(1).diagnosis()).isEqualTo(d);
        assertThat(store.feedbackSince(2_000, 10).get(1).diagnosis().evidence().get("ranks"))
                .isEqualTo(Map.of("bm25", 3));
    }

    @Test
    void should_keep_a_diagnosis_that_could_not_run_with_its_error_and_replace_it_when_run_again() {
        S store = open();
        store.addAnswer(answer("ans-1"));
        long id = store.addFeedback(new FeedbackRecord(0, "ans-1", "k1", "ana", "down", null, 2_000));
        store.addFeedbackDiagnosis(id, FeedbackDiagnosis.failed("nope.md", null, "no document 'nope.md'", 2_100));
        assertThat(store.feedback(1).getFirst().diagnosis().error()).isEqualTo("no document 'nope.md'");
        assertThat(store.feedback(1).getFirst().diagnosis().found()).isFalse();
        FeedbackDiagnosis later = new FeedbackDiagnosis(
                null,
                null,
                null,
                "context",
                "relevance_floor",
                "s",
                Map.of(),
                "f",
                List.of("data", "staleness"),
                null,
                2_200);
        store.addFeedbackDiagnosis(id, later);
        assertThat(store.feedback(1).getFirst().diagnosis()).isEqualTo(later);
    }

    @Test
    void should_refuse_a_diagnosis_for_feedback_it_does_not_hold() {
        S store = open();
        assertThatThrownBy(() -> store.addFeedbackDiagnosis(42, FeedbackDiagnosis.failed(null, null, "x", 1)))
                .hasMessageContaining("42");
    }
}
