package dev.sluice.cli;

import java.util.Locale;

/** Human durations: 850ms, 12.3s, 4m05s, 1h02m; and back from options such as {@code --since 7d}. */
final class Durations {
    private static final java.util.regex.Pattern SPAN = java.util.regex.Pattern.compile("(\\d+)([smhdw])");

    private Durations() {}

    /**
     * Milliseconds of {@code 30m}, {@code 12h}, {@code 7d} or {@code 2w}.
     *
     * @throws IllegalArgumentException naming the option and the value, with the accepted form
     */
    static long parseMillis(String option, String value) {
        var m = SPAN.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    option + " must be a number and a unit s, m, h, d or w (such as 7d), got '" + value + "'");
        }
        long n = Long.parseLong(m.group(1));
        long unit = switch (m.group(2)) {
            case "s" -> 1_000L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            case "d" -> 86_400_000L;
            default -> 7 * 86_400_000L;
        };
        return n * unit;
    }

    static String format(long millis) {
        if (millis < 1_000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
    }
}
