package dev.sluice.observe;

import java.time.Duration;

/**
 * How much the trace store keeps: traces younger than {@code maxAge}, and at most {@code maxSpans}
 * spans (oldest traces go first). Defaults: 7 days, 200,000 spans (a few hundred MB at most).
 */
public record TraceLimits(Duration maxAge, int maxSpans) {
    public static final TraceLimits DEFAULTS = new TraceLimits(Duration.ofDays(7), 200_000);

    public TraceLimits {
        if (maxAge.isNegative() || maxAge.isZero() || maxSpans < 1) {
            throw new IllegalArgumentException("trace limits must be positive, got " + maxAge + " and " + maxSpans);
        }
    }
}
