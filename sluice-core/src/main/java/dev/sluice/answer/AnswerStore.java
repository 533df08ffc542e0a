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

    /**
     * Keeps the diagnosis a thumbs-down ran with that feedback, replacing one kept before.
     *
     * @throws IllegalArgumentException when no feedback has this id
     */
    void addFeedbackDiagnosis(long feedbackId, FeedbackDiagnosis diagnosis);

    /**
     * Feedback with the answer it is about, and the diagnosis it ran.
     *
     * @param diagnosis what the diagnosis found, or null when none ran (thumbs up, or feedback given
     *     before diagnoses were kept)
     */
    record Feedback(FeedbackRecord feedback, AnswerRecord answer, FeedbackDiagnosis diagnosis) {
        /** Feedback without a diagnosis. */
        public Feedback(FeedbackRecord feedback, AnswerRecord answer) {
            this(feedback, answer, null);
        }
    }

    /** The latest feedback, newest first, each with its diagnosis when one ran. */
    List<Feedback> feedback(int limit);

    /** Answers given since then, newest first. */
    List<AnswerRecord> answersSince(long sinceMillis, int limit);

    /** Feedback given since then, newest first, with the answers it is about and their diagnoses. */
    List<Feedback> feedbackSince(long sinceMillis, int limit);
}
