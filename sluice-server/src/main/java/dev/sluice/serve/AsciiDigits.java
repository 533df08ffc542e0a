package dev.sluice.serve;

import java.util.OptionalLong;

/**
 * Whole numbers as a client writes them in a URL: ASCII digits only. {@code Long.parseLong} also
 * takes a sign ({@code +5}) and any script's digits ({@code ٥}), and a caller that strips first
 * takes {@code " 5"}: none of those is a number the service documents, so each is refused with the
 * parameter's name rather than read as 5.
 */
public final class AsciiDigits {
    /** Enough for any value the service takes; longer is refused before it could overflow. */
    private static final int MAX_DIGITS = 18;

    private AsciiDigits() {}

    /** The value of {@code text} when it is 1 to 18 ASCII digits, else empty. */
    public static OptionalLong parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_DIGITS) {
            return OptionalLong.empty();
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
            value = value * 10 + (c - '0');
        }
        return OptionalLong.of(value);
    }
}
