package dev.sluice.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one written form of a table, whatever format it came from (PDF, HTML, DOCX): a header block
 * {@code caption | header1 | header2 (units)} and one row block per row, {@code label | value1 |
 * value2}, its values in the header's column order. The chunker keeps a table whole when it fits and
 * repeats the header line atop each part of a longer one, so every chunk holding rows says which year
 * and which unit each column is. (Rows that repeated every header and the units, {@code label | 2018:
 * (1,577) | 2017: (1,373) (Millions)}, were measured on FinanceBench: 16% more tokens, half as many row
 * labels per chunk, and the right page found for 19 of 28 questions against 20 with this form; see
 * docs/benchmarks.md.) Values are kept as written: "(1,577)" stays a negative in parentheses, "$" stays attached,
 * a dash stays a dash. Also the tests of what a cell holds (an amount, a year, a units phrase), shared
 * by the PDF table detector and the HTML/DOCX grid.
 */
final class TableText {
    /** Separates the cells of a row or header line. */
    static final String CELL_SEPARATOR = " | ";

    /**
     * An amount as financial tables write it: optional sign or currency, digits with thousands
     * separators and decimals, optional parentheses for negatives, percent, or a multiplier suffix.
     */
    private static final Pattern AMOUNT = Pattern.compile(
            "(?:[$\u20ac\u00a3\u00a5]\\s?)?[-+\u2212]?\\(?[-\u2212]?(?:[$\u20ac\u00a3\u00a5]\\s?)?[-\u2212]?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?"
                    + "\\s?(?:%|x|bps|pts?|[MBK])?\\)?%?\\*{0,3}|[-+\u2212]?\\(?[$\u20ac\u00a3\u00a5]?\\.\\d+\\)?%?");

    /** A ratio ("2.1:1"). */
    private static final Pattern RATIO = Pattern.compile("\\d+(?:\\.\\d+)?\\s?:\\s?1");

    /** What tables print in an empty cell, or for "not meaningful". */
    private static final Pattern DASH =
            Pattern.compile("[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212]{1,3}|n/?a|N/?A|n/?m|N/?M|NM|\\*{1,3}");

    private static final Pattern UNITS_INSIDE = Pattern.compile(
            "\\((?:(?:u\\.s\\.\\s+)?(?:dollars?|amounts?|shares?|\\$|usd)\\s*)?in\\s+(?:\\$\\s*)?"
                    + "(?:millions?|thousands?|billions?)\\b[^()]{0,80}\\)",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern YEAR = Pattern.compile("(?:19|20)\\d{2}");

    private static final Pattern YEAR_OR_RANGE =
            Pattern.compile("(?:19|20)\\d{2}\\*{0,2}(?:\\s?[-\u2013\u2014]\\s?(?:19|20)\\d{2})?");

    /**
     * A units phrase: "(Millions)", "(Dollars in millions)", "(in thousands, except per share data)",
     * "In millions", "($ in millions)", "(Amounts in thousands)".
     */
    private static final Pattern UNITS = Pattern.compile(
            "\\(?\\s*(?:(?:u\\.s\\.\\s+)?(?:dollars?|amounts?|shares?|\\$|usd|in\\s+\\$)\\s*)?(?:in\\s+)?(?:\\$\\s*)?"
                    + "(?:millions?|thousands?|billions?|000s|000's)\\b[^()]{0,80}\\)?",
            Pattern.CASE_INSENSITIVE);

    private TableText() {}

    /** Whether a cell is an amount ("1,577", "(370)", "$5,363", "12.5%", ".25") or a dash for nothing. */
    static boolean isValue(String cell) {
        String s = cell.strip();
        return !s.isEmpty() && (AMOUNT.matcher(s).matches() || RATIO.matcher(s).matches() || isDash(s));
    }

    /** Whether a cell is an amount and not a dash. */
    static boolean isAmount(String cell) {
        return AMOUNT.matcher(cell.strip()).matches();
    }

    static boolean isDash(String cell) {
        return DASH.matcher(cell.strip()).matches();
    }

    /** A year, a range of years ("2026 \u2013 2030") or a year with a footnote star ("2018*"). */
    static boolean isYearOrRange(String cell) {
        return YEAR_OR_RANGE.matcher(cell.strip()).matches();
    }

    /** A four-digit year of the 20th or 21st century, alone. */
    static boolean isYear(String cell) {
        return YEAR.matcher(cell.strip()).matches();
    }

    static boolean isUnits(String text) {
        String s = text.strip();
        return s.length() <= 100 && UNITS.matcher(s).matches();
    }

    /**
     * A units phrase in parentheses inside a longer text ("Selected highlights follow (in millions):"),
     * or an empty string.
     */
    static String findUnits(String text) {
        Matcher m = UNITS_INSIDE.matcher(text);
        return m.find() ? m.group() : "";
    }

    /** A currency sign, percent sign or parenthesis that a layout put in a cell of its own. */
    static boolean isFragment(String cell) {
        String s = cell.strip();
        return s.equals("$")
                || s.equals("\u20ac")
                || s.equals("\u00a3")
                || s.equals("%")
                || s.equals(")")
                || s.equals("%)")
                || s.equals("(")
                || s.equals("($");
    }

    /** Units as a row ends with them: in parentheses, as written. */
    static String unitsSuffix(String units) {
        String u = units.strip();
        if (u.isEmpty()) {
            return "";
        }
        return u.startsWith("(") && u.endsWith(")") ? u : "(" + u + ")";
    }

    /**
     * One table, ready to write.
     *
     * @param caption text that names the table (title lines, a stub header), may be empty
     * @param headers one full header per value column ("Year ended December 31, 2020"), empty where
     *     the column has none; the header line shows these
     * @param rowHeaders the header each row repeats before a value: the lowest header line's part
     *     ("2020") when those tell the columns apart, else the full header
     * @param units the units phrase as written, may be empty
     * @param rows the rows in order
     */
    record Table(String caption, List<String> headers, List<String> rowHeaders, String units, List<Row> rows) {
        Table {
            headers = List.copyOf(headers);
            rowHeaders = List.copyOf(rowHeaders);
            rows = List.copyOf(rows);
            if (rowHeaders.size() != headers.size()) {
                throw new IllegalArgumentException(
                        "rowHeaders must have one entry per column (" + headers.size() + "), got " + rowHeaders.size());
            }
        }

        /**
         * A table whose columns are headed by stacked header lines: {@code headerParts.get(c)} holds
         * column c's parts, top line first.
         */
        static Table of(String caption, List<List<String>> headerParts, String units, List<Row> rows) {
            List<String> full = new ArrayList<>();
            List<String> lowest = new ArrayList<>();
            for (List<String> parts : headerParts) {
                List<String> kept = new ArrayList<>();
                for (String p : parts) {
                    String c = clean(p);
                    if (!c.isEmpty() && (kept.isEmpty() || !kept.getLast().equals(c))) {
                        kept.add(c);
                    }
                }
                full.add(String.join(" ", kept));
                lowest.add(kept.isEmpty() ? "" : kept.getLast());
            }
            boolean distinct = lowest.stream().noneMatch(String::isEmpty)
                    && lowest.stream().distinct().count() == lowest.size();
            return new Table(caption, full, distinct ? lowest : full, units, rows);
        }
    }

    /**
     * One row: its label and one value per column, empty where the row has no value in that column.
     * A row with a label and no values is a section label inside the table ("Current assets").
     */
    record Row(String label, List<String> values) {
        Row {
            values = List.copyOf(values);
        }

        boolean hasValues() {
            return values.stream().anyMatch(v -> !v.isBlank());
        }
    }

    /** The header line of a table, or an empty string when it has neither caption, headers nor units. */
    static String headerLine(Table table) {
        List<String> parts = new ArrayList<>();
        if (!table.caption().isBlank()) {
            parts.add(clean(table.caption()));
        }
        for (String h : table.headers()) {
            if (!h.isBlank()) {
                parts.add(clean(h));
            }
        }
        String line = String.join(CELL_SEPARATOR, parts);
        String units = unitsSuffix(table.units());
        if (!units.isEmpty()) {
            line = line.isEmpty() ? units : line + " " + units;
        }
        return line;
    }

    /** The written form of one row; see the class comment. */
    static String rowLine(Table table, Row row) {
        StringBuilder line = new StringBuilder(clean(row.label()));
        if (!row.hasValues()) {
            return line.toString();
        }
        boolean anyHeader = table.headers().stream().anyMatch(h -> !h.isBlank());
        for (int c = 0; c < row.values().size(); c++) {
            if (anyHeader
                    && (c >= table.headers().size() || table.headers().get(c).isBlank())) {
                continue; // the header line leaves out a column without a header: so do its rows
            }
            // an empty cell keeps its place, so each value stays under its column's header
            if (c > 0 || !line.isEmpty()) {
                line.append(CELL_SEPARATOR);
            }
            line.append(clean(row.values().get(c)));
        }
        String written = line.toString();
        while (written.endsWith(CELL_SEPARATOR.stripTrailing()) || written.endsWith(" ")) {
            written = written.endsWith(" ") ? written.stripTrailing() : written.substring(0, written.length() - 1);
        }
        return written; // empty cells at the end say nothing: "Restructuring charges | 45"
    }

    /** The blocks of a table: its header line (when it has one), then one block per row. */
    static List<Block> blocks(Table table, int page) {
        List<Block> blocks = new ArrayList<>();
        String header = headerLine(table);
        if (!header.isEmpty()) {
            blocks.add(Block.tableHeader(header, page));
        }
        for (Row row : table.rows()) {
            String line = rowLine(table, row);
            if (!line.isBlank()) {
                blocks.add(Block.tableRow(line, page));
            }
        }
        return blocks;
    }

    /** Whitespace collapsed; "$ 5,363" becomes "$5,363" and "( 12 )" becomes "(12)". */
    static String clean(String text) {
        String s = text.replaceAll("\\s+", " ").strip();
        s = s.replaceAll("([$\u20ac\u00a3\u00a5]) (?=[\\d(.-])", "$1");
        s = s.replaceAll("\\( (?=[\\d$.])", "(").replaceAll("(?<=\\d) \\)", ")").replaceAll("(?<=\\d) %", "%");
        return s;
    }

    /** Lower-case first letter: a line that continues the label above it ("provided by operations"). */
    static boolean startsLowerCase(String text) {
        String s = text.strip();
        return !s.isEmpty() && Character.isLowerCase(s.codePointAt(0));
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
