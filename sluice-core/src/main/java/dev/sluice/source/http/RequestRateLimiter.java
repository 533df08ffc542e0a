package dev.sluice.source.http;

import java.util.concurrent.TimeUnit;

/**
 * Spaces request starts evenly: at most {@code perSecond} per second, shared by all threads of one
 * source. Each caller reserves the next free slot and sleeps until it comes.
 */
final class RequestRateLimiter {
    private final long intervalNanos;
    private long nextSlotNanos = System.nanoTime();

    RequestRateLimiter(double perSecond) {
        this.intervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
    }

    /** Waits for the next slot. */
    void acquire() throws InterruptedException {
        long waitNanos;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(now, nextSlotNanos);
            nextSlotNanos = slot + intervalNanos;
            waitNanos = slot - now;
        }
        if (waitNanos > 0) {
            TimeUnit.NANOSECONDS.sleep(waitNanos);
        }
    }
}
