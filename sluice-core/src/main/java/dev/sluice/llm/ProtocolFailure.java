package dev.sluice.llm;

/**
 * One failed attempt at the OpenAI protocol level.
 *
 * @param status the HTTP status, or 0 when there was none (time-out, reset, unreadable reply)
 * @param retryAfterMillis the server's Retry-After (or retry-after-ms), 0 when absent
 * @param retryable whether another attempt may succeed: 429, 5xx, time-outs, resets, truncated replies
 * @param deltasSent whether part of a stream already reached the caller: such a call is not retried
 */
record ProtocolFailure(String message, int status, long retryAfterMillis, boolean retryable, boolean deltasSent) {
    static ProtocolFailure transientFailure(String message) {
        return new ProtocolFailure(message, 0, 0, true, false);
    }

    /** Kept as a value, thrown as {@link Thrown}: records cannot extend Exception. */
    Thrown thrown() {
        return new Thrown(this);
    }

    static final class Thrown extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient ProtocolFailure failure;

        Thrown(ProtocolFailure failure) {
            super(failure.message(), null, false, false);
            this.failure = failure;
        }

        ProtocolFailure failure() {
            return failure;
        }
    }
}
