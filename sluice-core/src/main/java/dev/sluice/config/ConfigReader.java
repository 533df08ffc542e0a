package dev.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.sluice.source.http.UrlSource;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the readers of sluice.yaml's sections share: the file, the line of every key, typed values
 * that fail naming the key ({@code sluice.yaml:7: chunking.maxTokens must be > 0, got -3}), and the
 * closest known key for a misspelt one.
 */
abstract class ConfigReader {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(s|m|h|d)");

    final Path file;
    final Map<String, Integer> lines;

    ConfigReader(Path file, Map<String, Integer> lines) {
        this.file = file;
        this.lines = lines;
    }

    /** A dollar amount as text for exact arithmetic, or null when absent; never negative. */
    String usd(JsonNode node, String key) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber() || node.decimalValue().signum() < 0) {
            throw error(key, key + " must be an amount in US dollars >= 0, got " + describe(node));
        }
        return node.decimalValue().toPlainString();
    }

    double number(JsonNode node, String key, double min, double max) {
        if (!node.isNumber() || node.asDouble() < min || node.asDouble() > max) {
            throw error(key, key + " must be a number from " + min + " to " + max + ", got " + describe(node));
        }
        return node.asDouble();
    }

    double fraction(JsonNode node, String key, double fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isNumber() || node.asDouble() < 0 || node.asDouble() > 1) {
            throw error(key, key + " must be a number from 0 to 1, got " + describe(node));
        }
        return node.asDouble();
    }

    List<String> names(JsonNode node, String key) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw error(key, key + " must be a list of names, got " + describe(node));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String name = string(node.get(i), key + "[" + i + "]");
            if (name.contains(",")) {
                throw error(key + "[" + i + "]", key + "[" + i + "] must not contain commas, got \"" + name + "\"");
            }
            out.add(name);
        }
        return out;
    }

    List<URI> urls(JsonNode node, String key) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        List<URI> urls = new ArrayList<>();
        if (node.isTextual()) {
            urls.add(url(node, key));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                urls.add(url(node.get(i), key + "[" + i + "]"));
            }
        } else {
            throw error(key, key + " must be a URL or a list of URLs, got " + describe(node));
        }
        return urls;
    }

    URI url(JsonNode node, String key) {
        try {
            return UrlSource.parse(string(node, key), key);
        } catch (IllegalArgumentException e) {
            throw error(key, e.getMessage());
        }
    }

    List<String> globs(JsonNode node, String key) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        List<String> globs = new ArrayList<>();
        if (node.isTextual()) {
            globs.add(node.asText());
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                globs.add(string(node.get(i), key + "[" + i + "]"));
            }
        } else {
            throw error(key, key + " must be a glob or a list of globs, got " + describe(node));
        }
        for (String glob : globs) {
            try {
                FileSystems.getDefault().getPathMatcher("glob:" + glob);
            } catch (IllegalArgumentException e) {
                throw error(key, key + ": glob '" + glob + "' is not valid: " + e.getMessage());
            }
        }
        return globs;
    }

    Duration duration(JsonNode node, String key) {
        Matcher m = node.isTextual() ? DURATION.matcher(node.asText().trim().toLowerCase(Locale.ROOT)) : null;
        if (m == null || !m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw error(key, key + " must be a positive duration such as 90s, 30m, 24h or 7d, got " + describe(node));
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    JsonNode section(JsonNode root, String key, Set<String> allowed) {
        return section(root, key, allowed, key);
    }

    /** A nested mapping, checked against its allowed keys; {@code path} names it in messages. */
    JsonNode section(JsonNode root, String key, Set<String> allowed, String path) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return MissingNode.getInstance();
        }
        object(node, path, allowed);
        return node;
    }

    /** Checks that {@code node} is a mapping whose keys are all known. */
    void object(JsonNode node, String path, Set<String> allowed) {
        if (!node.isObject()) {
            throw error(
                    path,
                    (path.isEmpty() ? "the file" : path) + " must be a mapping of keys to values, got "
                            + describe(node));
        }
        Iterator<String> keys = node.fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            if (!allowed.contains(key)) {
                String full = path.isEmpty() ? key : path + "." + key;
                String suggestion = closest(key, allowed);
                throw error(
                        full,
                        "unknown key '" + full + "'"
                                + (suggestion != null ? " (did you mean '" + suggestion + "'?)" : "")
                                + "; known keys here: " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }

    String string(JsonNode node, String key) {
        if (!node.isTextual() && !node.isNumber() || node.asText().isBlank()) {
            throw error(key, key + " must be a non-empty text, got " + describe(node));
        }
        return node.asText().trim();
    }

    boolean bool(JsonNode node, String key) {
        if (!node.isBoolean()) {
            throw error(key, key + " must be true or false, got " + describe(node));
        }
        return node.asBoolean();
    }

    int integer(JsonNode node, String key) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw error(key, key + " must be a whole number, got " + describe(node));
        }
        int value = node.asInt();
        if (value < 0) {
            throw error(key, key + " must be >= 0, got " + value);
        }
        return value;
    }

    int positive(JsonNode node, String key) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw error(key, key + " must be a whole number, got " + describe(node));
        }
        int value = node.asInt();
        if (value <= 0) {
            throw error(key, key + " must be > 0, got " + value);
        }
        return value;
    }

    static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "\"" + node.asText() + "\"";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.isNull() ? "nothing" : node.toString();
    }

    ConfigException error(String key, String message) {
        return new ConfigException(file, lines.getOrDefault(key, 0), message);
    }

    /**
     * The allowed key closest to {@code key}, case ignored: one that starts with it or it starts with
     * ({@code overlap} for {@code overlapTokens}), else one within an edit distance of 3; or null.
     */
    static String closest(String key, Set<String> allowed) {
        String lower = key.toLowerCase(Locale.ROOT);
        for (String candidate : new java.util.TreeSet<>(allowed)) {
            String c = candidate.toLowerCase(Locale.ROOT);
            if (lower.length() >= 3 && (c.startsWith(lower) || lower.startsWith(c))) {
                return candidate;
            }
        }
        String best = null;
        int bestDistance = 4;
        for (String candidate : new LinkedHashSet<>(new java.util.TreeSet<>(allowed))) {
            int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
