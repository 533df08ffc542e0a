package dev.sluice.serve.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the dashboard writes times, durations, money and figures: UTC, {@link Locale#ROOT}, short. */
final class Formats {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Formats() {}

    /** {@code 2026-11-03 14:05:12Z}, or a dash for 0 (never). */
    static String time(long epochMillis) {
        return epochMillis <= 0 ? "-" : TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    /** {@code 2026-11-03 14:05} (for chart axes). */
    static String minute(long epochMillis) {
        String t = time(epochMillis);
        return t.length() > 16 ? t.substring(0, 16) : t;
    }

    /** {@code 45 s}, {@code 12 min}, {@code 3.5 h}, {@code 2.0 d}. */
    static String seconds(long seconds) {
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 2 * 3600) {
            return seconds / 60 + " min";
        }
        if (seconds < 2 * 86_400) {
            return String.format(Locale.ROOT, "%.1f h", seconds / 3600.0);
        }
        return String.format(Locale.ROOT, "%.1f d", seconds / 86_400.0);
    }

    static String millis(double millis) {
        return millis < 10
                ? String.format(Locale.ROOT, "%.2f ms", millis)
                : String.format(Locale.ROOT, "%.0f ms", millis);
    }

    /** US dollars from picodollars, to the tenth of a cent (and finer for tiny sums). */
    static String usd(long picoUsd) {
        double usd = picoUsd / 1e12;
        return usd != 0 && Math.abs(usd) < 0.01
                ? String.format(Locale.ROOT, "$%.5f", usd)
                : String.format(Locale.ROOT, "$%.3f", usd);
    }

    static String figure(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    /** A value for a URL's query string. */
    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
