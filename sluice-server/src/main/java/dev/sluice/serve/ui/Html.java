package dev.sluice.serve.ui;

import java.util.Collection;
import java.util.List;

/**
 * Markup with escaping by default: {@link #of} fills a template's {@code {}} holes with values that
 * are HTML-escaped, unless a value is already {@link Safe} markup made the same way. So every value
 * that comes from data (file names, questions, error messages, attributes of spans) is escaped where
 * it is written, and only templates written in this package are markup.
 */
final class Html {
    private Html() {}

    /** Markup that is safe to write as it is: built by {@link #of} from templates and escaped values. */
    record Safe(String markup) {
        static final Safe EMPTY = new Safe("");

        @Override
        public String toString() {
            return markup;
        }
    }

    /**
     * The template with each {@code {}} replaced by the next value: {@link Safe} values as they are,
     * anything else as escaped text ({@code null} as nothing).
     */
    static Safe of(String template, Object... values) {
        StringBuilder out = new StringBuilder(template.length() + 16 * values.length);
        int from = 0;
        int next = 0;
        for (int hole = template.indexOf("{}"); hole >= 0; hole = template.indexOf("{}", from)) {
            if (next >= values.length) {
                throw new IllegalArgumentException(
                        "the template has more holes than the " + values.length + " values given: " + template);
            }
            out.append(template, from, hole);
            append(out, values[next++]);
            from = hole + 2;
        }
        if (next != values.length) {
            throw new IllegalArgumentException(
                    values.length + " values given for " + next + " holes in the template: " + template);
        }
        return new Safe(out.append(template, from, template.length()).toString());
    }

    /** The pieces one after the other. */
    static Safe join(Collection<Safe> pieces) {
        StringBuilder out = new StringBuilder();
        pieces.forEach(p -> out.append(p.markup()));
        return new Safe(out.toString());
    }

    /**
     * A table with a header row; each cell is escaped text or {@link Safe} markup. With no rows, the
     * note stands in for the table.
     */
    static Safe table(String emptyNote, List<String> headers, List<List<Object>> rows) {
        if (rows.isEmpty()) {
            return of("<p class=\"note\">{}</p>", emptyNote);
        }
        StringBuilder out = new StringBuilder("<table><thead><tr>");
        headers.forEach(h -> out.append("<th>").append(escape(h)).append("</th>"));
        out.append("</tr></thead><tbody>");
        for (List<Object> row : rows) {
            out.append("<tr>");
            for (Object cell : row) {
                out.append("<td>");
                append(out, cell);
                out.append("</td>");
            }
            out.append("</tr>");
        }
        return new Safe(out.append("</tbody></table>").toString());
    }

    /** A time as {@link Formats#time} writes it, kept on one line. */
    static Safe time(long epochMillis) {
        return of("<time>{}</time>", Formats.time(epochMillis));
    }

    /** Text with the five characters that can change the meaning of HTML replaced by entities. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static void append(StringBuilder out, Object value) {
        if (value instanceof Safe safe) {
            out.append(safe.markup());
        } else if (value != null) {
            out.append(escape(String.valueOf(value)));
        }
    }
}
