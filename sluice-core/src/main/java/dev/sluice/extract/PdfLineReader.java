package dev.sluice.extract;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * Reads the glyphs of chosen PDF pages with their positions (PDFBox's {@link PDFTextStripper}, the
 * same text engine Tika's PDF parser uses) and groups them into lines, and each line into cells: runs
 * of words separated by gaps wider than three spaces. That gap is what tells a table's label from its
 * numbers; the words of a sentence are never so far apart.
 *
 * <p>Coordinates are PDFBox's "direction adjusted" ones (origin top left, y down, in the direction of
 * the text), so a page rotated by its /Rotate entry reads like an upright one. Glyphs in another
 * direction than the page's main one (a rotated margin note) are left out. Whitespace glyphs are
 * dropped: gaps are measured between visible glyphs. Not thread-safe; one reader per document.
 */
final class PdfLineReader extends PDFTextStripper {
    /** A gap wider than this many space widths separates two cells. */
    static final float CELL_GAP_SPACES = 3.0f;

    /**
     * A gap wider than this many space widths separates two words when a space glyph lies between
     * them (a space glyph drawn over the letters, as some producers do, does not split a word).
     */
    static final float SPACED_GAP_SPACES = 0.15f;

    /** A gap wider than this many space widths separates two words. */
    static final float WORD_GAP_SPACES = 0.45f;

    /**
     * A run of words on one line.
     *
     * @param x0 left edge
     * @param x1 right edge
     * @param text the words, one space between them
     */
    record Cell(float x0, float x1, String text) {}

    /**
     * One line of a page.
     *
     * @param y the baseline, from the top of the page
     * @param height the height of its tallest glyph
     * @param cells the cells, left to right
     */
    record Line(float y, float height, List<Cell> cells) {
        float x0() {
            return cells.getFirst().x0();
        }

        float x1() {
            return cells.getLast().x1();
        }

        String text() {
            StringBuilder s = new StringBuilder();
            for (Cell c : cells) {
                if (!s.isEmpty()) {
                    s.append(' ');
                }
                s.append(c.text());
            }
            return s.toString();
        }
    }

    private final IntPredicate wantedPage;
    private final Map<Integer, List<Line>> linesByPage = new TreeMap<>();

    private PdfLineReader(IntPredicate wantedPage) {
        this.wantedPage = wantedPage;
        setSortByPosition(false); // we sort ourselves, once, by line
    }

    /**
     * The lines of the wanted pages (1-based), in reading order from top to bottom; pages without text
     * are absent.
     */
    static Map<Integer, List<Line>> read(PDDocument document, IntPredicate wantedPage) throws IOException {
        PdfLineReader reader = new PdfLineReader(wantedPage);
        reader.writeText(document, Writer.nullWriter());
        return reader.linesByPage;
    }

    @Override
    public void processPage(PDPage page) throws IOException {
        BlockCollector.checkCancelled();
        if (wantedPage.test(getCurrentPageNo())) {
            super.processPage(page);
        }
    }

    /** Called by the stripper after a page's glyphs are collected: group them instead of writing text. */
    @Override
    protected void writePage() {
        List<TextPosition> glyphs = new ArrayList<>();
        for (List<TextPosition> article : getCharactersByArticle()) {
            glyphs.addAll(article);
        }
        List<Line> lines = lines(glyphs);
        if (!lines.isEmpty()) {
            linesByPage.put(getCurrentPageNo(), lines);
        }
    }

    /** Groups glyphs into lines by baseline, then each line into cells. */
    static List<Line> lines(List<TextPosition> all) {
        List<TextPosition> glyphs = visibleInMainDirection(all);
        glyphs.sort(Comparator.comparingDouble(TextPosition::getYDirAdj).thenComparingDouble(TextPosition::getXDirAdj));
        List<Line> lines = new ArrayList<>();
        int i = 0;
        while (i < glyphs.size()) {
            TextPosition first = glyphs.get(i);
            if (!visible(first.getUnicode())) {
                i++; // a line never starts with a space
                continue;
            }
            float baseline = first.getYDirAdj();
            float tolerance = Math.max(1.0f, 0.4f * height(first));
            int j = i + 1;
            while (j < glyphs.size() && glyphs.get(j).getYDirAdj() - baseline <= tolerance) {
                j++;
            }
            List<TextPosition> line = new ArrayList<>(glyphs.subList(i, j));
            line.sort(Comparator.comparingDouble(TextPosition::getXDirAdj));
            lines.add(line(line));
            i = j;
        }
        return lines;
    }

    private static List<TextPosition> visibleInMainDirection(List<TextPosition> all) {
        Map<Integer, Integer> byDirection = new HashMap<>();
        for (TextPosition g : all) {
            byDirection.merge(Math.round(g.getDir()), 1, Integer::sum);
        }
        int main = byDirection.entrySet().stream()
                .max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey)
                .orElse(0);
        List<TextPosition> kept = new ArrayList<>(all.size());
        for (TextPosition g : all) {
            if (g.getUnicode() != null
                    && Math.round(g.getDir()) == main
                    && Float.isFinite(g.getXDirAdj())
                    && Float.isFinite(g.getYDirAdj())
                    && Float.isFinite(g.getWidthDirAdj())) {
                kept.add(g);
            }
        }
        return kept;
    }

    /** Whether a glyph's text shows anything: not spaces (NBSP included), not invisible format marks. */
    private static boolean visible(String unicode) {
        if (unicode == null) {
            return false;
        }
        return unicode.codePoints()
                .anyMatch(c -> !Character.isWhitespace(c)
                        && !Character.isSpaceChar(c)
                        && Character.getType(c) != Character.FORMAT
                        && Character.getType(c) != Character.CONTROL);
    }

    private static Line line(List<TextPosition> glyphs) {
        List<Cell> cells = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        float height = 0;
        float x0 = 0;
        float end = 0;
        float baseline = 0;
        boolean spaced = false; // a space glyph since the last visible one
        for (TextPosition g : glyphs) {
            if (!visible(g.getUnicode())) {
                spaced = true;
                continue;
            }
            float x = g.getXDirAdj();
            if (text.isEmpty()) {
                x0 = x;
                baseline = g.getYDirAdj();
            } else {
                float space = spaceWidth(g);
                float gap = x - end;
                if (gap > CELL_GAP_SPACES * space) {
                    cells.add(new Cell(x0, end, text.toString()));
                    text.setLength(0);
                    x0 = x;
                } else if (gap > WORD_GAP_SPACES * space || spaced && gap > SPACED_GAP_SPACES * space) {
                    text.append(' ');
                }
            }
            spaced = false;
            text.append(g.getUnicode());
            end = Math.max(end, x + Math.max(0, g.getWidthDirAdj()));
            height = Math.max(height, height(g));
        }
        cells.add(new Cell(x0, end, text.toString()));
        return new Line(baseline, height, cells);
    }

    /** The width of a space in the glyph's font, or a third of its height when the font does not say. */
    private static float spaceWidth(TextPosition g) {
        float space = g.getWidthOfSpace();
        if (!Float.isFinite(space) || space <= 0.1f) {
            space = 0.3f * Math.max(1.0f, height(g) / 0.7f);
        }
        return space;
    }

    private static float height(TextPosition g) {
        float h = g.getHeightDir();
        return Float.isFinite(h) && h > 0 ? h : Math.max(1.0f, g.getFontSizeInPt());
    }
}
