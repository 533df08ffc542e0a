package dev.sluice.serve;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per API key: {@code perSecond} requests a second on average, bursts up to {@code
 * burst}. Thread-safe; a key's bucket is created on its first request.
 */
final class KeyRateLimiter {
    private final double perSecond;
    private final double burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long lastNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.lastNanos = now;
        }
    }

    KeyRateLimiter(double perSecond, int burst) {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException(
                    "rate limit must be > 0 per second with a burst >= 1, got " + perSecond + " and " + burst);
        }
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /** 0 when the request may go ahead, else the milliseconds until the key has a token again. */
    long tryAcquire(String keyId) {
        long now = System.nanoTime();
        Bucket bucket = buckets.computeIfAbsent(keyId, k -> new Bucket(burst, now));
        synchronized (bucket) {
            double elapsed = (now - bucket.lastNanos) / 1e9;
            bucket.tokens = Math.min(burst, bucket.tokens + Math.max(0, elapsed) * perSecond);
            bucket.lastNanos = Math.max(bucket.lastNanos, now);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - bucket.tokens) / perSecond * 1000);
        }
    }
}
