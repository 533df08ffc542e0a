package dev.sluice.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.answer.AnswerRecord;
import dev.sluice.answer.AnswerStore;
import dev.sluice.answer.FeedbackRecord;
import java.util.List;
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
}
