package dev.sluice.answer;

import java.util.List;

/**
 * The answers-and-feedback seam: answers the service gave (so feedback can name them) and the
 * feedback on them. The embedded implementation is the SQLite catalog; implementations are
 * thread-safe.
 */
public interface AnswerStore {
    /** Records an answer under its id. */
    void addAnswer(AnswerRecord answer);

    /** The answer with this id, or null. */
    AnswerRecord answer(String id);

    /** Records feedback on a recorded answer; returns its id. */
    long addFeedback(FeedbackRecord feedback);

    /** Feedback with the answer it is about. */
    record Feedback(FeedbackRecord feedback, AnswerRecord answer) {}

    /** The latest feedback, newest first. */
    List<Feedback> feedback(int limit);

    /** Answers given since then, newest first. */
    List<AnswerRecord> answersSince(long sinceMillis, int limit);

    /** Feedback given since then, newest first, with the answers it is about. */
    List<Feedback> feedbackSince(long sinceMillis, int limit);
}
