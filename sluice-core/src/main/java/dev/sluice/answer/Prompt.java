package dev.sluice.answer;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A versioned prompt: a Markdown file with front matter ({@code name}, {@code description}) and a
 * body with {@code {{placeholders}}}. Its version is its name and the first twelve hex digits of the
 * SHA-256 of its body, so any edit gives a new version, and every answer and ledger row records
 * which one it used.
 *
 * @param name the prompt's name ("answer")
 * @param description one line on what it is for
 * @param body the text after the front matter
 * @param version {@code name@sha256prefix}
 * @param origin where it came from: a file path, or "built-in"
 */
public record Prompt(String name, String description, String body, String version, String origin) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-zA-Z][a-zA-Z0-9_]*)\\s*}}");

    /** The body with each {@code {{name}}} replaced; a placeholder without a value is an error. */
    public String render(Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(body);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("prompt " + version + " (" + origin + ") needs a value for {{"
                        + m.group(1) + "}}; given: " + values.keySet());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
