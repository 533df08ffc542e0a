package dev.sluice.core;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * How long to wait before retrying a remote call (a web page, a language model): exponential from
 * {@code baseMillis}, doubling with each attempt up to {@code capMillis}, with "equal jitter" (half the
 * delay fixed, half random) so that clients failing together do not retry together; and never less
 * than the server's Retry-After. Whether a wait is too long to honour is the caller's decision (each
 * has its own setting). Immutable and thread-safe.
 *
 * @param baseMillis the delay before the first retry, before jitter; 0 retries at once
 * @param capMillis the longest delay before jitter, however many attempts have failed
 */
public record Backoff(long baseMillis, long capMillis) {
    /** Doubling stops after this many attempts (the backoff the callers always had), whatever the cap. */
    private static final int MAX_DOUBLINGS = 20;

    public Backoff {
        if (baseMillis < 0) {
            throw new IllegalArgumentException(
                    String.format(Locale.ROOT, "backoff baseMillis must be >= 0, got %d", baseMillis));
        }
        if (capMillis < baseMillis) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "backoff capMillis must be >= baseMillis (%d), got %d; use Backoff.doubling(base) for no cap",
                    baseMillis,
                    capMillis));
        }
    }

    /** Doubling from {@code baseMillis} for up to 20 attempts, with no cap below that. */
    public static Backoff doubling(long baseMillis) {
        return new Backoff(baseMillis, shifted(Math.max(0, baseMillis), MAX_DOUBLINGS));
    }

    /**
     * Milliseconds to wait before the retry that follows failed attempt {@code attempt} (0 for the
     * first): the larger of the jittered exponential delay and {@code retryAfterMillis} (0 when the
     * server sent none). Jitter needs no seed: it only spreads retries in time and changes no result.
     */
    public long delayMillis(int attempt, long retryAfterMillis) {
        return delayMillis(attempt, retryAfterMillis, ThreadLocalRandom.current());
    }

    /** As {@link #delayMillis(int, long)}, drawing the jitter from {@code random} (seeded in tests). */
    public long delayMillis(int attempt, long retryAfterMillis, RandomGenerator random) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must be >= 0 (0 is the first), got " + attempt);
        }
        long backoff = Math.min(capMillis, shifted(baseMillis, Math.min(attempt, MAX_DOUBLINGS)));
        long jittered = backoff / 2 + random.nextLong(backoff / 2 + 1);
        return Math.max(jittered, retryAfterMillis);
    }

    /** {@code value << shift}, saturating at Long.MAX_VALUE instead of overflowing. */
    private static long shifted(long value, int shift) {
        return value > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : value << shift;
    }

    /**
     * The one reader of an HTTP Retry-After header (RFC 9110): delay-seconds or an HTTP date, as
     * milliseconds from now; 0 when absent, unreadable or in the past.
     */
    public static long retryAfterMillis(String value) {
        return retryAfterMillis(value, System.currentTimeMillis());
    }

    /** As {@link #retryAfterMillis(String)}, with an HTTP date counted from {@code nowMillis}. */
    public static long retryAfterMillis(String value, long nowMillis) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        String trimmed = value.trim();
        try {
            return Math.max(0, TimeUnit.SECONDS.toMillis(Long.parseLong(trimmed)));
        } catch (NumberFormatException notSeconds) {
            try {
                long at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant()
                        .toEpochMilli();
                return Math.max(0, at - nowMillis);
            } catch (DateTimeParseException unreadable) {
                return 0;
            }
        }
    }
}
