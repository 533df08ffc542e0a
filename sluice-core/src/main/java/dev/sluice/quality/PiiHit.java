package dev.sluice.quality;

import dev.sluice.core.Checks;

/**
 * One piece of personal data found in a text.
 *
 * @param kind what it is
 * @param start inclusive offset into the scanned text
 * @param end exclusive offset into the scanned text
 * @param masked a form safe to log and show: {@code "j***@example.com"}, {@code "**** 1111"}, {@code
 *     "DE89 **** 3000"}; never the whole value
 */
public record PiiHit(PiiKind kind, int start, int end, String masked) {
    public PiiHit {
        Checks.notNull("kind", kind);
        Checks.notNull("masked", masked);
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("a PII hit needs 0 <= start < end, got " + start + ".." + end);
        }
    }
}
