package dev.sluice.extract;

import dev.sluice.extract.PdfLineReader.Cell;
import dev.sluice.extract.PdfLineReader.Line;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the tables of one PDF page in its lines and writes the page as blocks: prose paragraphs as
 * they come, each table as a header block and row blocks ({@link TableText}).
 *
 * <p>How a table is recognized, top to bottom:
 *
 * <ol>
 *   <li><b>Rows.</b> A line whose last cells are values (amounts like "1,577", "(370)", "$ 5,363",
 *       "12.5%", or a dash) after a gap of at least three spaces is a data line; what stands left of
 *       the values is its label. A line of years alone, or of years after a units phrase ("(Millions)
 *       2018 2017 2016"), is a header line, not data.
 *   <li><b>Region.</b> Data lines close together (gaps of at most {@link #MAX_GAP_LINES} line pitches)
 *       form a region, with the label-only lines between them ("Current assets", the first line of a
 *       label that wraps) as long as those stay left of the first value column. A region needs
 *       {@link #MIN_DATA_LINES} data lines; prose that reaches into the value columns ends it.
 *   <li><b>Columns.</b> The x-extents of the region's values are merged where they overlap: each
 *       merged band is a column.
 *   <li><b>Headers.</b> Up to four lines right above the region whose cells over the value columns
 *       are not amounts (years, "December 31,", "Fiscal") give the column headers, stacked top to
 *       bottom ({@link PdfColumnHeaders} decides which cell heads which columns). A units phrase
 *       anywhere in those lines or in the caption gives the units.
 *   <li><b>Caption.</b> Up to three short lines right above the headers (the statement's title) are
 *       the table's caption; they move into the header block rather than stand as prose before it.
 *   <li><b>Labels.</b> A label-only line followed by a line that starts in lower case, or by values
 *       with no label of their own, continues into that row's label; otherwise it stands as a
 *       section row of its own.
 * </ol>
 *
 * <p>Everything else on the page is prose: lines joined into paragraphs, a new paragraph where the
 * vertical gap exceeds 1.5 line pitches. Stateless; the methods are pure functions of the lines.
 */
final class PdfTableDetector {
    /** Data lines a region needs to count as a table. */
    static final int MIN_DATA_LINES = 2;

    /** The largest vertical gap inside a table, in line pitches. */
    static final float MAX_GAP_LINES = 2.6f;

    /** Lines of caption taken above a table. */
    static final int MAX_CAPTION_LINES = 3;

    /** The largest vertical gap between caption lines, or between the caption and the table, in line pitches. */
    static final float CAPTION_GAP_LINES = 2.0f;

    /** Lines of column headers taken above a table. */
    static final int MAX_HEADER_LINES = 4;

    /** Words a caption line may have: longer lines are prose. */
    static final int MAX_CAPTION_WORDS = 14;

    private static final Pattern FOOTNOTE_MARK = Pattern.compile("\\(\\d{1,2}(?:,\\s?\\d{1,2})*\\)|\\*{1,3}");

    private PdfTableDetector() {}

    /** What one page gives: its blocks in reading order and how many table rows they hold. */
    record PageBlocks(List<Block> blocks, int tables, int rows) {}

    private enum Kind {
        DATA,
        HEADER,
        OTHER
    }

    /** A table found on the page: the lines it covers and its content. */
    private record Found(int first, int last, TableText.Table table) {}

    /**
     * The blocks of one page: the page is returned as prose when it has no table.
     *
     * @param lines the page's lines, top to bottom
     * @param page the 1-based page number every block carries
     */
    static PageBlocks page(List<Line> lines, int page) {
        List<Found> tables = find(lines);
        List<Block> blocks = new ArrayList<>();
        int rows = 0;
        int next = 0;
        for (Found t : tables) {
            prose(lines, next, t.first(), page, blocks);
            List<Block> tableBlocks = TableText.blocks(t.table(), page);
            rows += (int) tableBlocks.stream()
                    .filter(b -> b.tablePart() == Block.TablePart.ROW)
                    .count();
            blocks.addAll(tableBlocks);
            next = t.last() + 1;
        }
        prose(lines, next, lines.size(), page, blocks);
        return new PageBlocks(blocks, tables.size(), rows);
    }

    /** The tables of a page, in order, not overlapping. */
    private static List<Found> find(List<Line> lines) {
        int n = lines.size();
        PdfLineSplit[] splits = new PdfLineSplit[n];
        Kind[] kinds = new Kind[n];
        for (int i = 0; i < n; i++) {
            splits[i] = PdfLineSplit.of(lines.get(i));
            kinds[i] = kind(splits[i]);
        }
        float pitch = pitch(lines);
        List<Found> found = new ArrayList<>();
        int floor = 0; // lines above this belong to an earlier table
        int i = 0;
        while (i < n) {
            if (kinds[i] != Kind.DATA) {
                i++;
                continue;
            }
            int first = i;
            int last = i;
            int dataLines = 1;
            float valueLeft = splits[i].values().getFirst().x0();
            int j = i + 1;
            while (j < n && near(lines.get(j - 1), lines.get(j), pitch)) {
                if (kinds[j] == Kind.DATA) {
                    valueLeft =
                            Math.min(valueLeft, splits[j].values().getFirst().x0());
                    last = j;
                    dataLines++;
                } else if (kinds[j] != Kind.OTHER
                        || !labelOnly(lines.get(j), valueLeft) && !isTextRow(lines.get(j), valueLeft)) {
                    break;
                }
                j++;
            }
            if (dataLines >= MIN_DATA_LINES) {
                Found table = table(lines, splits, kinds, first, last, floor, pitch);
                if (mostlyLabelled(table.table())) {
                    found.add(table);
                    floor = last + 1;
                }
            }
            i = Math.max(last + 1, i + 1);
        }
        return found;
    }

    /** Builds the table of the region {@code [first, last]}, taking headers and caption from above. */
    private static Found table(
            List<Line> lines, PdfLineSplit[] splits, Kind[] kinds, int first, int last, int floor, float pitch) {
        List<float[]> columns = columns(splits, first, last);
        float valueLeft = columns.getFirst()[0];
        float tableLeft = valueLeft;
        for (int i = first; i <= last; i++) {
            tableLeft = Math.min(tableLeft, lines.get(i).x0());
        }
        // label lines between the header and the first data line ("Current assets") are rows
        int k = first;
        while (k - 1 >= floor
                && first - k < 3
                && kinds[k - 1] == Kind.OTHER
                && labelOnly(lines.get(k - 1), valueLeft)
                && near(lines.get(k - 1), lines.get(k), pitch)) {
            k--;
        }
        if (k < first
                && k - 1 >= floor
                && near(lines.get(k - 1), lines.get(k), pitch)
                && isHeaderLine(lines.get(k - 1), kinds[k - 1], tableLeft, valueLeft)) {
            first = k;
        }
        // header lines: right above the region, with cells over the value columns that are not amounts
        int top = first;
        List<Integer> headerLines = new ArrayList<>();
        while (top - 1 >= floor
                && headerLines.size() < MAX_HEADER_LINES
                && near(lines.get(top - 1), lines.get(top), pitch)
                && isHeaderLine(lines.get(top - 1), kinds[top - 1], tableLeft, valueLeft)) {
            top--;
            headerLines.addFirst(top);
        }
        // caption lines: short lines above, left of the values
        List<Integer> captionLines = new ArrayList<>();
        while (top - 1 >= floor
                && captionLines.size() < MAX_CAPTION_LINES
                && lines.get(top).y() - lines.get(top - 1).y() <= CAPTION_GAP_LINES * pitch
                && isCaptionLike(splits, lines, top - 1, valueLeft)) {
            top--;
            captionLines.addFirst(top);
        }
        String units = "";
        List<String> caption = new ArrayList<>();
        for (int c : captionLines) {
            String text = lines.get(c).text();
            if (units.isEmpty() && TableText.isUnits(text)) {
                units = text;
            } else {
                caption.add(text);
            }
        }
        List<Line> headerCells = new ArrayList<>(); // the header lines, cut to their cells over the values
        for (int h : headerLines) {
            if (isFootnoteMarks(lines.get(h))) {
                continue;
            }
            List<Cell> over = new ArrayList<>();
            for (Cell cell : lines.get(h).cells()) {
                if (units.isEmpty() && TableText.isUnits(cell.text())) {
                    units = cell.text();
                } else if (cell.x1() <= valueLeft) {
                    caption.add(cell.text());
                } else {
                    over.add(cell);
                }
            }
            if (!over.isEmpty()) {
                headerCells.add(new Line(lines.get(h).y(), lines.get(h).height(), over));
            }
        }
        List<List<String>> headerParts = PdfColumnHeaders.parts(headerCells, columns, caption);
        if (units.isEmpty()) { // "(in millions)" inside a caption or a header line
            List<String> texts = new ArrayList<>(caption);
            headerLines.forEach(h -> texts.add(lines.get(h).text()));
            for (String text : texts) {
                String found = TableText.findUnits(text);
                if (!found.isEmpty()) {
                    units = found;
                    break;
                }
            }
        }
        List<TableText.Row> rows = rows(lines, splits, kinds, first, last, columns);
        TableText.Table table = TableText.Table.of(String.join(" ", caption), headerParts, units, rows);
        return new Found(top, last, table);
    }

    private static List<TableText.Row> rows(
            List<Line> lines, PdfLineSplit[] splits, Kind[] kinds, int first, int last, List<float[]> columns) {
        List<TableText.Row> rows = new ArrayList<>();
        String pending = null; // label lines waiting for the values they may belong to
        String marks = ""; // footnote marks set above the row they belong to ("(1)")
        for (int i = first; i <= last; i++) {
            PdfLineSplit s = splits[i];
            float valueLeft = columns.getFirst()[0];
            if (kinds[i] != Kind.DATA && isTextRow(lines.get(i), valueLeft)) {
                // words in the value columns ("not applicable" across two years): a row of text values
                s = new PdfLineSplit(
                        lines.get(i).cells().stream()
                                .filter(c -> c.x1() <= valueLeft)
                                .toList(),
                        lines.get(i).cells().stream()
                                .filter(c -> c.x1() > valueLeft)
                                .toList());
            } else if (kinds[i] != Kind.DATA) {
                String text = lines.get(i).text();
                if (!hasLetters(text)) {
                    marks = marks.isEmpty() ? text : marks + " " + text;
                    continue;
                }
                if (pending != null && continues(pending, text)) {
                    pending = pending + " " + text;
                } else {
                    if (pending != null) {
                        rows.add(new TableText.Row(pending, List.of()));
                    }
                    pending = text;
                }
                continue;
            }
            String label = s.labelText();
            if (pending != null && (label.isEmpty() || continues(pending, label))) {
                label = label.isEmpty() ? pending : pending + " " + label;
            } else if (pending != null) {
                rows.add(new TableText.Row(pending, List.of()));
            }
            pending = null;
            if (!marks.isEmpty()) {
                label = label.isEmpty() ? marks : label + " " + marks;
                marks = "";
            }
            String[] values = new String[columns.size()];
            Arrays.fill(values, "");
            for (Cell v : s.values()) {
                int col = nearestColumn(v, columns);
                values[col] = values[col].isEmpty() ? v.text() : values[col] + " " + v.text();
            }
            rows.add(new TableText.Row(label, List.of(values)));
        }
        if (pending != null || !marks.isEmpty()) {
            rows.add(new TableText.Row(pending == null ? marks : (pending + " " + marks).strip(), List.of()));
        }
        return rows;
    }

    /** Whether {@code next} carries on the label {@code pending}: it starts in lower case, or the label ends mid-phrase. */
    private static boolean continues(String pending, String next) {
        String p = pending.strip();
        return TableText.startsLowerCase(next)
                || p.endsWith(",")
                || p.endsWith(" and")
                || p.endsWith(" of")
                || p.endsWith(" for")
                || p.endsWith(" in")
                || p.endsWith(" to")
                || p.endsWith(" from")
                || p.endsWith(" the");
    }

    /** Columns as {x0, x1} bands, left to right: the values' extents merged where they overlap. */
    private static List<float[]> columns(PdfLineSplit[] splits, int first, int last) {
        List<float[]> extents = new ArrayList<>();
        for (int i = first; i <= last; i++) {
            if (splits[i] != null) {
                for (Cell v : splits[i].values()) {
                    extents.add(new float[] {v.x0(), v.x1()});
                }
            }
        }
        extents.sort((a, b) -> Float.compare(a[0], b[0]));
        List<float[]> bands = new ArrayList<>();
        for (float[] e : extents) {
            float[] lastBand = bands.isEmpty() ? null : bands.getLast();
            if (lastBand != null && e[0] <= lastBand[1]) {
                lastBand[1] = Math.max(lastBand[1], e[1]);
            } else {
                bands.add(new float[] {e[0], e[1]});
            }
        }
        return bands;
    }

    /** The column that overlaps the cell most, or whose right edge is nearest when none overlaps. */
    private static int nearestColumn(Cell cell, List<float[]> columns) {
        int best = 0;
        float bestScore = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < columns.size(); c++) {
            float[] band = columns.get(c);
            float overlap = Math.min(band[1], cell.x1()) - Math.max(band[0], cell.x0());
            float score = overlap > 0 ? overlap : -Math.abs(band[1] - cell.x1()) - 1e4f;
            if (score > bestScore) {
                bestScore = score;
                best = c;
            }
        }
        return best;
    }

    private static Kind kind(PdfLineSplit s) {
        if (s.values().isEmpty()) {
            return Kind.OTHER;
        }
        String label = s.labelText().strip();
        boolean allYears = s.values().stream().allMatch(v -> TableText.isYearOrRange(v.text()));
        if (allYears && (label.isEmpty() || TableText.isUnits(label) || !hasLetters(label) || isPeriodStub(label))) {
            return Kind.HEADER;
        }
        if (label.isEmpty() && s.values().size() < 2) {
            return Kind.OTHER; // a lone number: a page number, a footnote mark
        }
        return Kind.DATA;
    }

    /** Stubs that stand left of a header row of years: "Years ended December 31", "Fiscal year". */
    private static boolean isPeriodStub(String label) {
        String l = TableText.lower(label);
        return l.contains("year")
                || l.contains("ended")
                || l.contains("as of")
                || l.contains("at december")
                || l.contains("fiscal")
                || l.contains("quarter")
                || l.contains("months");
    }

    /**
     * Whether most rows with values have a label: numbers whose labels the page does not give as text
     * (drawn as images, set in another direction) stay as they were rather than become rows of numbers.
     */
    private static boolean mostlyLabelled(TableText.Table table) {
        int valued = 0;
        int labelled = 0;
        for (TableText.Row row : table.rows()) {
            if (row.hasValues()) {
                valued++;
                if (hasLetters(row.label())) {
                    labelled++;
                }
            }
        }
        return labelled * 2 > valued;
    }

    private static boolean hasLetters(String s) {
        return s.codePoints().anyMatch(Character::isLetter);
    }

    /** Whether a line above the table heads its columns: something over the values, and no amount there. */
    private static boolean isHeaderLine(Line line, Kind kind, float tableLeft, float valueLeft) {
        if (kind == Kind.HEADER) {
            return true;
        }
        if (kind == Kind.DATA) {
            return isFootnoteMarks(line); // "(1)" over a column is a footnote mark, not a negative one
        }
        boolean overValues = false;
        for (Cell c : line.cells()) {
            if (c.x0() < tableLeft + 0.5f * (valueLeft - tableLeft) && c.x1() > valueLeft + 2) {
                return false; // text running from the labels into the values: prose or a caption
            }
            if (c.x1() > valueLeft) {
                if (TableText.isAmount(c.text()) && !TableText.isYear(c.text())) {
                    return false;
                }
                if (c.x0() < valueLeft && wordCount(c.text()) > MAX_CAPTION_WORDS) {
                    return false; // prose running across the columns
                }
                overValues = true;
            }
        }
        return overValues;
    }

    private static boolean isFootnoteMarks(Line line) {
        return line.cells().stream()
                .allMatch(c -> FOOTNOTE_MARK.matcher(c.text().strip()).matches());
    }

    private static boolean isCaptionLike(PdfLineSplit[] splits, List<Line> lines, int i, float valueLeft) {
        Line line = lines.get(i);
        if (!splits[i].values().isEmpty()) {
            return false;
        }
        String text = line.text();
        return (line.x1() <= valueLeft || TableText.isUnits(text))
                && wordCount(text) <= MAX_CAPTION_WORDS
                && !text.strip().endsWith(".");
    }

    /**
     * A line with a label and text in the value columns that starts there (a merged cell such as "not
     * applicable"), as opposed to prose running from the labels across the columns.
     */
    private static boolean isTextRow(Line line, float valueLeft) {
        boolean label = false;
        boolean values = false;
        for (Cell c : line.cells()) {
            if (c.x1() <= valueLeft) {
                label = true;
            } else if (c.x0() >= valueLeft - 2 && wordCount(c.text()) <= MAX_CAPTION_WORDS) {
                values = true;
            } else {
                return false;
            }
        }
        return label && values;
    }

    private static boolean labelOnly(Line line, float valueLeft) {
        return line.x1() <= valueLeft + 1;
    }

    private static int wordCount(String s) {
        String t = s.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }

    private static boolean near(Line above, Line below, float pitch) {
        return below.y() - above.y() <= MAX_GAP_LINES * pitch;
    }

    /** The usual distance between two lines of the page: the median of the gaps between baselines. */
    private static float pitch(List<Line> lines) {
        float[] gaps = new float[Math.max(0, lines.size() - 1)];
        int n = 0;
        for (int i = 1; i < lines.size(); i++) {
            float gap = lines.get(i).y() - lines.get(i - 1).y();
            if (gap > 0.5f) {
                gaps[n++] = gap;
            }
        }
        if (n == 0) {
            return lines.isEmpty() ? 12f : Math.max(6f, 1.2f * lines.getFirst().height() / 0.7f);
        }
        Arrays.sort(gaps, 0, n);
        return gaps[n / 2];
    }

    /** Lines {@code [from, to)} as paragraphs: a new one where the gap exceeds 1.5 pitches. */
    private static void prose(List<Line> lines, int from, int to, int page, List<Block> out) {
        if (from >= to) {
            return;
        }
        float pitch = pitch(lines);
        StringBuilder paragraph = new StringBuilder();
        for (int i = from; i < to; i++) {
            Line line = lines.get(i);
            if (i > from && line.y() - lines.get(i - 1).y() > 1.5f * pitch) {
                out.add(Block.text(paragraph.toString(), page));
                paragraph.setLength(0);
            }
            if (!paragraph.isEmpty()) {
                paragraph.append('\n');
            }
            paragraph.append(line.text());
        }
        out.add(Block.text(paragraph.toString(), page));
    }
}
