package dev.sluice.extract;

import dev.sluice.extract.PdfLineReader.Cell;
import dev.sluice.extract.PdfLineReader.Line;
import java.util.ArrayList;
import java.util.List;

/**
 * A line of a PDF page split into its label cells and the run of value cells at its end ("Inventories
 * | (509) | (387) | 57"), with fragments merged: a lone "$" joins the number after it, a lone "%" or
 * ")" the number before it, and values set closer than the cell gap ("(370)  (967)") are split apart.
 * Not API.
 *
 * @param label the cells before the values, left to right
 * @param values the value cells, left to right; empty when the line does not end in values
 */
record PdfLineSplit(List<Cell> label, List<Cell> values) {
    String labelText() {
        StringBuilder s = new StringBuilder();
        for (Cell c : label) {
            if (!s.isEmpty()) {
                s.append(' ');
            }
            s.append(c.text());
        }
        return s.toString();
    }

    /** Splits a line into label cells and the run of value cells at its end. */
    static PdfLineSplit of(Line line) {
        List<Cell> cells = line.cells();
        int start = cells.size();
        while (start > 0) {
            String t = cells.get(start - 1).text();
            if (TableText.isValue(t) || TableText.isFragment(t) || isValueRun(t)) {
                start--;
            } else {
                break;
            }
        }
        List<Cell> label = new ArrayList<>(cells.subList(0, start));
        List<Cell> values = merge(expand(cells.subList(start, cells.size())));
        if (values.stream().noneMatch(v -> TableText.isValue(v.text()))) {
            return new PdfLineSplit(cells, List.of());
        }
        return new PdfLineSplit(label, values);
    }

    /** Cells that are several values set closer than the cell gap ("(370)  (967)"), split apart. */
    private static boolean isValueRun(String text) {
        String[] parts = text.split(" ");
        if (parts.length < 2) {
            return false;
        }
        for (String p : parts) {
            if (!TableText.isValue(p) && !TableText.isFragment(p)) {
                return false;
            }
        }
        return true;
    }

    private static List<Cell> expand(List<Cell> cells) {
        List<Cell> out = new ArrayList<>();
        for (Cell c : cells) {
            String[] parts = c.text().split(" ");
            if (parts.length == 1 || TableText.isValue(c.text())) {
                out.add(c);
                continue;
            }
            // positions inside the cell are not kept: share its width by characters
            int chars = c.text().length();
            float perChar = (c.x1() - c.x0()) / Math.max(1, chars);
            int offset = 0;
            for (String p : parts) {
                float x0 = c.x0() + offset * perChar;
                out.add(new Cell(x0, x0 + p.length() * perChar, p));
                offset += p.length() + 1;
            }
        }
        return out;
    }

    /** A lone "$" joins the value after it; a lone "%" or ")" joins the value before it. */
    private static List<Cell> merge(List<Cell> cells) {
        List<Cell> out = new ArrayList<>();
        Cell open = null; // a "$" or "(" waiting for its number
        for (Cell c : cells) {
            String t = c.text().strip();
            if (t.equals("$") || t.equals("(") || t.equals("($") || t.equals("\u20ac") || t.equals("\u00a3")) {
                open = open == null ? c : new Cell(open.x0(), c.x1(), open.text() + c.text());
                continue;
            }
            if ((t.equals("%") || t.equals(")") || t.equals("%)")) && !out.isEmpty()) {
                Cell prev = out.removeLast();
                out.add(new Cell(prev.x0(), c.x1(), prev.text() + t));
                continue;
            }
            if (open != null) {
                c = new Cell(open.x0(), c.x1(), open.text().strip() + t);
                open = null;
            }
            out.add(c);
        }
        return out;
    }
}
