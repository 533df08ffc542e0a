package dev.sluice.extract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A table that arrives as rows of cells ({@code <tr>}, {@code <td>}, {@code <th>} from HTML, from
 * Tika's XHTML of DOCX, ODT and other office formats, or a Markdown pipe table), collected whole and
 * then written in {@link TableText}'s row form.
 *
 * <p>Cells are placed on a grid ({@code colspan} and {@code rowspan} honoured), so a header spanning
 * three columns heads the values under any of them: filings written as HTML put "$", the number and
 * ")" in cells of their own under one header. Lone "$" cells join the value after them, lone ")" or
 * "%" cells the value before them, and empty cells are dropped.
 *
 * <p>Header rows: rows inside {@code <thead>} or made only of {@code <th>} cells; failing those, in a
 * table of numbers, the leading rows that hold no amount (years allowed: "2018 | 2017"). The first
 * column is the row label. A table with no header row is written as before: its cells joined by
 * " | ", one plain text block per row (web pages lay out whole pages with such tables; the chunker
 * should treat them as prose). Not thread-safe; one per table.
 */
final class CellTable {
    /** Header rows taken at most, when guessed from a table of numbers without {@code <th>}. */
    static final int MAX_GUESSED_HEADER_ROWS = 3;

    /** Rows (and columns) beyond this many are written as joined cells, without grid placement. */
    static final int MAX_GRID_CELLS = 200_000;

    /**
     * How many times its cells' own text a table may grow when every row repeats its headers: a wide
     * table with long headers is written as joined cells instead, so the text limit still means
     * something.
     */
    static final int MAX_GROWTH = 4;

    private record Cell(String text, boolean header, int colspan, int rowspan) {}

    private record Row(List<Cell> cells, boolean head) {}

    private final int page;
    private final List<Row> rows = new ArrayList<>();
    private final StringBuilder caption = new StringBuilder();
    private List<Cell> open;
    private boolean openHead;
    private int cellCount;
    private long rawChars;

    /** @param page the page the table starts on (0 for unpaged formats) */
    CellTable(int page) {
        this.page = page;
    }

    void startRow(boolean inHead) {
        open = new ArrayList<>();
        openHead = inHead;
    }

    void addCell(String text, boolean header, int colspan, int rowspan) {
        if (open == null) {
            startRow(false);
        }
        open.add(new Cell(text, header, Math.clamp(colspan, 1, 1000), Math.clamp(rowspan, 1, 1000)));
        cellCount++;
        rawChars += text.length();
    }

    void endRow() {
        if (open != null && !open.isEmpty()) {
            rows.add(new Row(open, openHead));
        }
        open = null;
    }

    void addCaption(String text) {
        if (!text.isBlank()) {
            caption.append(caption.isEmpty() ? "" : " ").append(text.strip());
        }
    }

    /** The table's blocks: header line and rows, or joined cells when it has no header row. */
    List<Block> blocks() {
        endRow();
        if (rows.isEmpty()) {
            return caption.isEmpty() ? List.of() : List.of(Block.text(caption.toString(), page));
        }
        if (cellCount > MAX_GRID_CELLS) {
            return joinedRows();
        }
        List<Placed[]> grid = grid();
        int headerRows = headerRows(grid);
        if (headerRows == 0 || headerRows == rows.size()) {
            return joinedRows();
        }
        List<Block> blocks = TableText.blocks(table(grid, headerRows), page);
        long written = blocks.stream().mapToLong(b -> b.text().length()).sum();
        return written > MAX_GROWTH * rawChars + 1_000 ? joinedRows() : blocks;
    }

    /** A cell on the grid: its text and the columns {@code [from, to)} it covers. */
    private record Placed(String text, int from, int to) {}

    /** Each row's cells placed on columns, fragments merged, empty cells dropped. */
    private List<Placed[]> grid() {
        List<Placed[]> grid = new ArrayList<>();
        Map<Integer, Integer> spanning = new HashMap<>(); // column -> rows it stays taken for
        for (Row row : rows) {
            List<Placed> placed = new ArrayList<>();
            int col = 0;
            for (Cell cell : row.cells()) {
                while (spanning.getOrDefault(col, 0) > 0) {
                    col++;
                }
                placed.add(new Placed(TableText.clean(cell.text()), col, col + cell.colspan()));
                if (cell.rowspan() > 1) {
                    for (int c = col; c < col + cell.colspan(); c++) {
                        spanning.put(c, cell.rowspan()); // counts this row too: decremented below
                    }
                }
                col += cell.colspan();
            }
            spanning.replaceAll((c, left) -> left - 1);
            spanning.values().removeIf(left -> left <= 0);
            grid.add(merge(placed).toArray(Placed[]::new));
        }
        return grid;
    }

    /** "$" joins the value after it; ")" and "%" join the value before; empty cells go. */
    private static List<Placed> merge(List<Placed> cells) {
        List<Placed> out = new ArrayList<>();
        Placed open = null;
        for (Placed p : cells) {
            String t = p.text();
            if (t.isEmpty()) {
                continue;
            }
            if (t.equals("$") || t.equals("(") || t.equals("($") || t.equals("\u20ac") || t.equals("\u00a3")) {
                open = open == null ? p : new Placed(open.text() + t, open.from(), p.to());
                continue;
            }
            if ((t.equals(")") || t.equals("%") || t.equals("%)")) && !out.isEmpty()) {
                Placed prev = out.removeLast();
                out.add(new Placed(prev.text() + t, prev.from(), prev.to()));
                continue;
            }
            if (open != null) {
                p = new Placed(open.text() + t, p.from(), p.to());
                open = null;
            }
            out.add(p);
        }
        if (open != null) {
            out.add(open);
        }
        return out;
    }

    private int headerRows(List<Placed[]> grid) {
        int marked = 0;
        while (marked < rows.size() && isMarkedHeader(rows.get(marked))) {
            marked++;
        }
        if (marked > 0) {
            return marked;
        }
        // no <th>: guess, but only for a table of numbers
        int numericRows = 0;
        for (Placed[] row : grid) {
            if (hasAmountAfterLabel(row)) {
                numericRows++;
            }
        }
        if (numericRows < 2) {
            return 0;
        }
        int guessed = 0;
        while (guessed < Math.min(MAX_GUESSED_HEADER_ROWS, grid.size()) && isHeaderLike(grid.get(guessed))) {
            guessed++;
        }
        return guessed;
    }

    private static boolean isMarkedHeader(Row row) {
        return row.head() || row.cells().stream().allMatch(Cell::header);
    }

    private static boolean hasAmountAfterLabel(Placed[] row) {
        for (int i = 1; i < row.length; i++) {
            if (TableText.isAmount(row[i].text()) && !TableText.isYear(row[i].text())) {
                return true;
            }
        }
        return false;
    }

    /** A row with text beyond the label column and no amount in it (years are headers, not amounts). */
    private static boolean isHeaderLike(Placed[] row) {
        boolean beyondLabel = false;
        for (Placed p : row) {
            if (p.from() > 0) {
                beyondLabel = true;
                if (TableText.isAmount(p.text()) && !TableText.isYear(p.text())) {
                    return false;
                }
            }
        }
        return beyondLabel;
    }

    private TableText.Table table(List<Placed[]> grid, int headerRows) {
        int width = 0;
        for (Placed[] row : grid) {
            for (Placed p : row) {
                width = Math.max(width, p.to());
            }
        }
        // what each grid column's headers say, top row first; column 0 is the label column
        List<List<String>> byGridColumn = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            byGridColumn.add(new ArrayList<>());
        }
        String units = "";
        List<String> captionParts = new ArrayList<>();
        if (!caption.isEmpty()) {
            captionParts.add(caption.toString());
        }
        for (int r = 0; r < headerRows; r++) {
            for (Placed p : grid.get(r)) {
                if (units.isEmpty() && TableText.isUnits(p.text())) {
                    units = p.text();
                } else if (p.from() == 0) {
                    captionParts.add(p.text());
                } else {
                    for (int c = p.from(); c < p.to(); c++) {
                        byGridColumn.get(c).add(p.text());
                    }
                }
            }
        }
        if (units.isEmpty()) {
            units = TableText.findUnits(String.join(" ", captionParts));
        }
        // logical columns: runs of grid columns under the same headers
        int[] logical = new int[width];
        List<List<String>> headerParts = new ArrayList<>();
        for (int c = 1; c < width; c++) {
            if (c > 1 && byGridColumn.get(c).equals(byGridColumn.get(c - 1))) {
                logical[c] = logical[c - 1];
            } else {
                logical[c] = headerParts.size();
                headerParts.add(byGridColumn.get(c));
            }
        }
        List<TableText.Row> out = new ArrayList<>();
        for (int r = headerRows; r < grid.size(); r++) {
            String[] values = new String[headerParts.size()];
            Arrays.fill(values, "");
            StringBuilder label = new StringBuilder();
            for (Placed p : grid.get(r)) {
                int headed = headedColumn(p, byGridColumn);
                if (p.from() == 0 || headed < 0) {
                    label.append(label.isEmpty() ? "" : " ").append(p.text());
                    continue;
                }
                int col = logical[headed];
                values[col] = values[col].isEmpty() ? p.text() : values[col] + " " + p.text();
            }
            out.add(new TableText.Row(label.toString(), List.of(values)));
        }
        return TableText.Table.of(String.join(" ", captionParts), headerParts, units, out);
    }

    /** The first column under the cell that has a header, or -1. */
    private static int headedColumn(Placed p, List<List<String>> byGridColumn) {
        for (int c = Math.max(1, p.from()); c < p.to() && c < byGridColumn.size(); c++) {
            if (!byGridColumn.get(c).isEmpty()) {
                return c;
            }
        }
        return -1;
    }

    /** Rows as Sluice always wrote tables without headers: the cells joined by " | ". */
    private List<Block> joinedRows() {
        List<Block> blocks = new ArrayList<>();
        if (!caption.isEmpty()) {
            blocks.add(Block.text(caption.toString(), page));
        }
        for (Row row : rows) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < row.cells().size(); i++) {
                if (i > 0) {
                    text.append(TableText.CELL_SEPARATOR);
                }
                text.append(row.cells().get(i).text());
            }
            if (!text.toString().replace("|", "").isBlank()) {
                blocks.add(Block.text(text.toString(), page)); // plain text, as before: often a layout table
            }
        }
        return blocks;
    }
}
