package dev.sluice.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A tool call's arguments, read one by one with their limits. Each reader names the argument, shows
 * what came and says what fits ({@code k must be a whole number from 1 to 100, got 500}); a bad
 * argument is a tool error the model can read and correct, never a crash. The input schemas say the
 * same limits ({@link ToolSchemas}); these checks hold even for a client that ignores them.
 */
final class ToolInput {
    /** A tool call whose arguments do not fit: its message goes back to the model as a tool error. */
    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private final String tool;
    private final Map<String, Object> arguments;

    private ToolInput(String tool, Map<String, Object> arguments) {
        this.tool = tool;
        this.arguments = arguments;
    }

    /** The arguments of a call of {@code tool}, which takes only {@code known}. */
    static ToolInput of(String tool, Map<String, Object> arguments, Set<String> known) {
        Map<String, Object> args = arguments == null ? Map.of() : arguments;
        for (String name : args.keySet()) {
            if (!known.contains(name)) {
                throw new Invalid("unknown argument '" + printable(name, 60) + "'; " + tool + " takes "
                        + String.join(", ", new TreeSet<>(known)));
            }
        }
        return new ToolInput(tool, new LinkedHashMap<>(args));
    }

    /** A required, non-blank string of at most {@code maxChars}. */
    String text(String name, int maxChars) {
        String value = optionalText(name, maxChars);
        if (value == null) {
            throw new Invalid(name + " is required: " + tool + " needs a non-empty " + name);
        }
        return value;
    }

    /** A string of at most {@code maxChars}, or null when absent or blank. */
    String optionalText(String name, int maxChars) {
        Object value = arguments.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw new Invalid(name + " must be a string, got " + kind(value));
        }
        if (s.length() > maxChars) {
            throw new Invalid(name + " must be at most " + maxChars + " characters, got " + s.length());
        }
        return s.isBlank() ? null : s.strip();
    }

    /** A whole number from {@code min} to {@code max}, or {@code fallback} when absent. */
    int integer(String name, int fallback, int min, int max) {
        Object value = arguments.get(name);
        if (value == null) {
            return fallback;
        }
        String range = " from " + min + " to " + max;
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new Invalid(name + " must be a whole number" + range + ", got " + shown(value));
        }
        double d = n.doubleValue();
        if (d < min || d > max) {
            throw new Invalid(name + " must be a whole number" + range + ", got " + shown(value));
        }
        return (int) d;
    }

    /** One of {@code allowed}, or {@code fallback} when absent. */
    String choice(String name, String fallback, List<String> allowed) {
        String value = optionalText(name, 40);
        if (value == null) {
            return fallback;
        }
        if (!allowed.contains(value)) {
            throw new Invalid(name + " must be one of " + String.join(", ", allowed) + ", got '" + value + "'");
        }
        return value;
    }

    /** A list of at most {@code maxItems} non-blank strings of at most {@code maxChars} each (one string counts as a list). */
    List<String> strings(String name, int maxItems, int maxChars) {
        Object value = arguments.get(name);
        if (value == null) {
            return List.of();
        }
        List<?> items = value instanceof List<?> l ? l : value instanceof String ? List.of(value) : null;
        if (items == null) {
            throw new Invalid(name + " must be a list of strings, got " + kind(value));
        }
        if (items.size() > maxItems) {
            throw new Invalid(name + " takes at most " + maxItems + " values, got " + items.size());
        }
        List<String> out = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof String s) || s.isBlank()) {
                throw new Invalid(name + " must hold non-empty strings, got " + shown(item));
            }
            if (s.length() > maxChars) {
                throw new Invalid(name + " values must be at most " + maxChars + " characters, got " + s.length());
            }
            out.add(s.strip());
        }
        return out;
    }

    /** An object of field names to a string or a list of strings ({@code {"doctype": "policy"}}). */
    Map<String, List<String>> fields(String name, int maxFields, int maxValues, int maxChars) {
        Object value = arguments.get(name);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new Invalid(name + " must be an object of field names to values, such as {\"doctype\": \"policy\"},"
                    + " got " + kind(value));
        }
        if (map.size() > maxFields) {
            throw new Invalid(name + " takes at most " + maxFields + " fields, got " + map.size());
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        ToolInput nested = new ToolInput(tool, new LinkedHashMap<>());
        map.forEach((field, values) -> {
            String key = String.valueOf(field);
            nested.arguments.put(name + "." + key, values);
            out.put(key, nested.strings(name + "." + key, maxValues, maxChars));
        });
        return out;
    }

    private static String kind(Object value) {
        return switch (value) {
            case String s -> "a string";
            case Number n -> "a number";
            case Boolean b -> "a boolean";
            case List<?> l -> "a list";
            case Map<?, ?> m -> "an object";
            default -> value.getClass().getSimpleName();
        };
    }

    private static String shown(Object value) {
        if (value instanceof String s) {
            return "'" + printable(s, 40) + "'";
        }
        return value == null ? "null" : printable(String.valueOf(value), 40);
    }

    /** At most {@code max} characters of {@code s}, control characters as '?': safe to echo in a message. */
    static String printable(String s, int max) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(max).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return s.length() > max ? out + "..." : out.toString();
    }
}
