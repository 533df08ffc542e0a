package dev.sluice.extract;

import dev.sluice.extract.PdfLineReader.Cell;
import dev.sluice.extract.PdfLineReader.Line;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which header cells of a PDF table head which columns. Header lines are stacked above the values
 * ("Year ended December 31," over "2018 | 2017", or "2017" over "Reported | Impact | Restated"), and
 * a PDF says nothing about spans: only positions tell. Stateless. Not API.
 */
final class PdfColumnHeaders {
    private PdfColumnHeaders() {}

    /**
     * Each column's header parts, top line first. A column's middle is where the lowest header line
     * puts its cell when that line has one cell per column (headers are centred over their column,
     * numbers are not), else the middle of its values. A header cell heads the widest run of adjacent
     * columns that is centred under it and lies between the cell's neighbours on its line: "2017" over
     * "Reported | Impact | Restated" heads all three, a "%" over one column heads that one. A cell over
     * no column goes to {@code unplaced}.
     */
    static List<List<String>> parts(List<Line> headerCells, List<float[]> columns, List<String> unplaced) {
        int n = columns.size();
        float[] middles = new float[n];
        for (int c = 0; c < n; c++) {
            middles[c] = (columns.get(c)[0] + columns.get(c)[1]) / 2;
        }
        if (!headerCells.isEmpty() && headerCells.getLast().cells().size() == n) {
            List<Cell> lowest = headerCells.getLast().cells();
            for (int c = 0; c < n; c++) {
                middles[c] = middle(lowest.get(c));
            }
        }
        float spacing = medianSpacing(middles);
        float tolerance = Math.max(3f, 0.25f * spacing);
        List<List<String>> parts = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            parts.add(new ArrayList<>());
        }
        // bottom line first, so that a header wrapped over two lines ("Impact of New" over "Standards")
        // heads the same columns as its lower part
        int[][][] runs = new int[headerCells.size()][][];
        for (int l = headerCells.size() - 1; l >= 0; l--) {
            List<Cell> line = headerCells.get(l).cells();
            boolean wrapped = l + 1 < headerCells.size() && wrapsInto(headerCells.get(l), headerCells.get(l + 1));
            runs[l] = new int[line.size()][];
            for (int k = 0; k < line.size(); k++) {
                Cell cell = line.get(k);
                int[] below = wrapped && !TableText.isYear(cell.text())
                        ? runBelow(cell, headerCells.get(l + 1).cells(), runs[l + 1], tolerance)
                        : null;
                runs[l][k] = below != null ? below : run(line, k, middles, spacing, tolerance);
            }
        }
        for (int l = 0; l < headerCells.size(); l++) {
            String[] taken = new String[n];
            for (int k = 0; k < headerCells.get(l).cells().size(); k++) {
                int[] run = runs[l][k];
                String text = headerCells.get(l).cells().get(k).text();
                if (run[0] > run[1]) {
                    unplaced.add(text); // over no column: kept with the caption rather than lost
                }
                for (int c = run[0]; c <= run[1]; c++) {
                    taken[c] = taken[c] == null ? text : taken[c] + " " + text;
                }
            }
            for (int c = 0; c < n; c++) {
                if (taken[c] != null) {
                    parts.get(c).add(taken[c]);
                }
            }
        }
        return parts;
    }

    /** Whether two header lines are set as tight as the lines of one wrapped text (not a group over its columns). */
    private static boolean wrapsInto(Line upper, Line lower) {
        return lower.y() - upper.y() <= 1.8f * Math.max(upper.height(), lower.height());
    }

    /** The columns of the cell right below {@code cell} on the next header line, or null when there is none. */
    private static int[] runBelow(Cell cell, List<Cell> below, int[][] belowRuns, float tolerance) {
        for (int k = 0; k < below.size(); k++) {
            if (Math.abs(middle(below.get(k)) - middle(cell)) <= tolerance && belowRuns[k][0] <= belowRuns[k][1]) {
                return belowRuns[k];
            }
        }
        return null;
    }

    /**
     * The columns {from, to} that cell {@code k} of a header line heads, {1, 0} (none) when no column
     * lies under it.
     */
    private static int[] run(List<Cell> line, int k, float[] middles, float spacing, float tolerance) {
        int n = middles.length;
        Cell cell = line.get(k);
        float lo = k == 0 ? Float.NEGATIVE_INFINITY : (line.get(k - 1).x1() + cell.x0()) / 2;
        float hi = k == line.size() - 1
                ? Float.POSITIVE_INFINITY
                : (cell.x1() + line.get(k + 1).x0()) / 2;
        float m = middle(cell);
        int nearest = -1;
        for (int c = 0; c < n; c++) {
            if (middles[c] >= lo
                    && middles[c] <= hi
                    && (nearest < 0 || Math.abs(middles[c] - m) < Math.abs(middles[nearest] - m))) {
                nearest = c;
            }
        }
        if (nearest < 0 || Math.abs(middles[nearest] - m) > (cell.x1() - cell.x0()) / 2 + 0.5f * spacing) {
            return new int[] {1, 0};
        }
        int from = nearest;
        int to = nearest;
        for (int a = nearest; a >= 0 && middles[a] >= lo; a--) {
            for (int b = nearest; b < n && middles[b] <= hi; b++) {
                if (b - a > to - from && Math.abs((middles[a] + middles[b]) / 2 - m) <= tolerance) {
                    from = a;
                    to = b;
                }
            }
        }
        return new int[] {from, to};
    }

    private static float middle(Cell cell) {
        return (cell.x0() + cell.x1()) / 2;
    }

    private static float medianSpacing(float[] middles) {
        if (middles.length < 2) {
            return 120f; // one column: any header above it heads it
        }
        float[] gaps = new float[middles.length - 1];
        for (int i = 1; i < middles.length; i++) {
            gaps[i - 1] = Math.abs(middles[i] - middles[i - 1]);
        }
        Arrays.sort(gaps);
        return gaps[gaps.length / 2];
    }
}
