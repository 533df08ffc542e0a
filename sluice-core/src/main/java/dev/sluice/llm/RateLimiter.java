package dev.sluice.llm;

import java.util.concurrent.TimeUnit;

/**
 * Client-side limits on requests and tokens per minute, kept by spacing rather than by bursts: each
 * request takes the next free slot, 60/rpm seconds after the previous one, and pushes the token slot by
 * its estimated tokens times 60/tpm seconds. Once the real usage is known, {@link #correct} moves the
 * token slot by the difference. Providers count per minute; spacing never bursts past them and keeps
 * the waits short and predictable. Thread-safe.
 */
final class RateLimiter {
    private final long nanosPerRequest;
    private final double nanosPerToken;
    private long nextRequestNanos;
    private double nextTokenNanos;

    RateLimiter(int requestsPerMinute, int tokensPerMinute) {
        this.nanosPerRequest = requestsPerMinute == 0 ? 0 : TimeUnit.MINUTES.toNanos(1) / requestsPerMinute;
        this.nanosPerToken = tokensPerMinute == 0 ? 0 : (double) TimeUnit.MINUTES.toNanos(1) / tokensPerMinute;
        long now = System.nanoTime();
        this.nextRequestNanos = now;
        this.nextTokenNanos = now;
    }

    /** Waits for a slot for one request of {@code estimatedTokens}. */
    void acquire(long estimatedTokens) throws InterruptedException {
        long startAt;
        synchronized (this) {
            long now = System.nanoTime();
            startAt = Math.max(now, Math.max(nextRequestNanos, (long) nextTokenNanos));
            nextRequestNanos = startAt + nanosPerRequest;
            // The token slot is paid after the request starts: a large request may go, the next ones wait.
            nextTokenNanos = Math.max(nextTokenNanos, startAt) + estimatedTokens * nanosPerToken;
        }
        long wait = startAt - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** Books the difference between real and estimated tokens of a request already let through. */
    synchronized void correct(long actualMinusEstimatedTokens) {
        nextTokenNanos += actualMinusEstimatedTokens * nanosPerToken;
    }
}
