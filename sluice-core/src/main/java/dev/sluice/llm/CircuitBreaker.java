package dev.sluice.llm;

/**
 * Opens after {@code failures} consecutive failed calls (calls, not attempts: a call fails once its
 * retries are spent) and then refuses calls for {@code openMillis}. After that one trial call goes
 * through (half-open): success closes the breaker, failure opens it again for another window. Calls
 * the provider refuses for the caller's fault (400, 401, ...) do not count. Thread-safe.
 */
final class CircuitBreaker {
    private final int failures;
    private final long openNanos;
    private int consecutive;
    private long openUntilNanos;
    private boolean open;
    private boolean trialInFlight;

    CircuitBreaker(int failures, long openMillis) {
        this.failures = failures;
        this.openNanos = openMillis * 1_000_000L;
    }

    /** Lets the call through, or throws when the breaker is open (or its one trial call is in flight). */
    synchronized void acquire(String endpoint) {
        if (!open) {
            return;
        }
        long now = System.nanoTime();
        if (now - openUntilNanos < 0 || trialInFlight) {
            throw new CircuitOpenException(endpoint + " failed " + consecutive
                    + " calls in a row; the circuit breaker refuses calls for "
                    + Math.max(0, (openUntilNanos - now) / 1_000_000)
                    + " ms more, a fixed pause after repeated failures");
        }
        trialInFlight = true;
    }

    synchronized void succeeded() {
        consecutive = 0;
        open = false;
        trialInFlight = false;
    }

    synchronized void failed() {
        consecutive++;
        if (trialInFlight || consecutive >= failures) {
            open = true;
            openUntilNanos = System.nanoTime() + openNanos;
        }
        trialInFlight = false;
    }

    /** A call that ended for a reason that says nothing about the provider's health (4xx, schema). */
    synchronized void neutral() {
        trialInFlight = false;
    }

    synchronized boolean isOpen() {
        return open;
    }
}
