package dev.sluice.diagnose;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Small pieces the layers share: evidence maps, times for people, text normalized for matching. */
final class Findings {
    private Findings() {}

    /** An ordered map from alternating keys and values, leaving out null values. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                out.put(keysAndValues[i].toString(), keysAndValues[i + 1]);
            }
        }
        return out;
    }

    /** An ISO-8601 instant, or null for 0 (never). */
    static String time(long epochMillis) {
        return epochMillis <= 0 ? null : Instant.ofEpochMilli(epochMillis).toString();
    }

    /** "3 days", "5 hours", "12 minutes", "40 seconds". */
    static String ago(long millis) {
        Duration d = Duration.ofMillis(Math.max(0, millis));
        if (d.toDays() >= 2) {
            return d.toDays() + " days";
        }
        if (d.toHours() >= 2) {
            return d.toHours() + " hours";
        }
        if (d.toMinutes() >= 2) {
            return d.toMinutes() + " minutes";
        }
        return d.toSeconds() + " seconds";
    }

    /** Lower case, typographic apostrophes plain, whitespace collapsed: for "does this chunk hold the phrase". */
    static String normalize(String text) {
        return text.replace('’', '\'').replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
    }

    static String round(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
