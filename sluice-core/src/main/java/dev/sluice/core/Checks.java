package dev.sluice.core;

import java.util.Locale;

/**
 * The one validation helper: messages name the parameter, show the value and say what is allowed,
 * as in {@code chunking.maxTokens must be > 0, got -3}.
 */
public final class Checks {
    private Checks() {}

    public static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must be > 0, got %d", name, value));
        }
        return value;
    }

    public static long positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must be > 0, got %d", name, value));
        }
        return value;
    }

    public static int inRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    String.format(Locale.ROOT, "%s must be between %d and %d, got %d", name, min, max, value));
        }
        return value;
    }

    public static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }
}
