package dev.sluice.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a stream of structural events (block boundaries, headings, table rows, pages, text) into
 * {@link Block}s. The three front ends (Tika SAX events, the jsoup DOM walk, the commonmark tree walk)
 * all drive this one class, so every format splits text the same way.
 *
 * <p>Inside a heading or a table row a block boundary only adds a space: a {@code <p>} inside a
 * {@code <td>} must not cut the row in two. Not thread-safe: one collector per extraction.
 */
final class BlockCollector {
    /** The level of a heading element (h1..h6), or 0. */
    static int headingLevel(String name) {
        if (name.length() == 2 && name.charAt(0) == 'h' && name.charAt(1) >= '1' && name.charAt(1) <= '6') {
            return name.charAt(1) - '0';
        }
        return 0;
    }

    /** An element opens (XHTML from Tika or HTML from jsoup): headings, table rows and cells, breaks, blocks. */
    void openElement(String name) {
        openElement(name, 1, 1);
    }

    /**
     * An element opens; {@code colspan} and {@code rowspan} matter for table cells only.
     */
    void openElement(String name, int colspan, int rowspan) {
        int level = headingLevel(name);
        if (level > 0) {
            startHeading(level);
            return;
        }
        switch (name) {
            case "table" -> startTable();
            case "thead" -> inHead = table != null && tableDepth == 1 || inHead;
            case "caption" -> startCaption();
            case "tr" -> startRow();
            case "td", "th" -> startCell(name.equals("th"), colspan, rowspan);
            case "br" -> lineBreak();
            default -> {
                if (BLOCK_ELEMENTS.contains(name)) {
                    breakBlock();
                }
            }
        }
    }

    /** An element closes. */
    void closeElement(String name) {
        if (headingLevel(name) > 0) {
            endHeading();
            return;
        }
        switch (name) {
            case "table" -> endTable();
            case "thead" -> inHead = inHead && tableDepth > 1;
            case "caption" -> endCaption();
            case "tr" -> endRow();
            default -> {
                if (BLOCK_ELEMENTS.contains(name)) {
                    breakBlock();
                }
            }
        }
    }

    /** Elements that end a block of text, in XHTML from Tika and in HTML read by jsoup alike. */
    static final Set<String> BLOCK_ELEMENTS = Set.of(
            "address",
            "article",
            "aside",
            "blockquote",
            "body",
            "caption",
            "center",
            "dd",
            "details",
            "div",
            "dl",
            "dt",
            "figcaption",
            "figure",
            "footer",
            "header",
            "hgroup",
            "hr",
            "li",
            "main",
            "nav",
            "ol",
            "p",
            "pre",
            "section",
            "summary",
            "table",
            "tbody",
            "tfoot",
            "thead",
            "ul");

    private static final Pattern BLANK_LINES = Pattern.compile("\\n[ \\t\\x0B\\f\\r]*\\n\\s*");

    private final int maxChars;
    private final boolean splitOnBlankLines;
    private final List<Block> blocks = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();

    private long charsSeen;
    private boolean limitExceeded;
    private int page;
    private int blockPage = -1;
    private int headingLevel;
    private int rowDepth;
    private int cellsInRow;
    private String firstHeading;
    /** The outermost table being collected, or null; tables nested in its cells are flattened into cell text. */
    private CellTable table;

    private int tableDepth;
    private boolean inHead;
    private boolean inCaption;
    private boolean cellOpen;
    private boolean cellHeader;
    private int cellColspan;
    private int cellRowspan;

    /**
     * @param maxChars extraction stops with {@link TextLimitExceededException} past this many characters
     * @param splitOnBlankLines whether a blank line inside one text run starts a new block (plain text,
     *     where the parser hands the whole file over as one run)
     */
    BlockCollector(int maxChars, boolean splitOnBlankLines) {
        this.maxChars = maxChars;
        this.splitOnBlankLines = splitOnBlankLines;
    }

    void text(char[] chars, int start, int length) {
        checkCancelled();
        countChars(length);
        for (int i = start; i < start + length; i++) {
            append(chars[i]);
        }
    }

    void text(String text) {
        checkCancelled();
        countChars(text.length());
        for (int i = 0; i < text.length(); i++) {
            append(text.charAt(i));
        }
    }

    private void append(char c) {
        if (blockPage < 0 && !Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
            blockPage = page;
        }
        current.append(c);
    }

    private void countChars(int length) {
        charsSeen += length;
        if (charsSeen > maxChars) {
            limitExceeded = true;
            throw new TextLimitExceededException(maxChars);
        }
    }

    /** Ends the current block (a paragraph, list item, div); inside a heading or row it is a space. */
    void breakBlock() {
        if (headingLevel > 0 || rowDepth > 0 || table != null) {
            current.append(' ');
            return;
        }
        flushText();
    }

    void lineBreak() {
        current.append('\n');
    }

    void startHeading(int level) {
        if (rowDepth > 0 || headingLevel > 0 || table != null) {
            current.append(' ');
            return;
        }
        flushText();
        headingLevel = level;
    }

    void endHeading() {
        if (rowDepth > 0 || headingLevel == 0 || table != null) {
            current.append(' ');
            return;
        }
        String text = current.toString();
        int level = headingLevel;
        headingLevel = 0;
        if (!text.isBlank()) {
            blocks.add(Block.heading(level, text, Math.max(blockPage, 0)));
            if (firstHeading == null) {
                firstHeading = text.strip();
            }
        }
        reset();
    }

    /** A table opens: the outermost one is collected whole; a nested one only separates cell text. */
    void startTable() {
        if (tableDepth++ > 0 || headingLevel > 0 || rowDepth > 0) {
            current.append(' ');
            return;
        }
        flushText();
        table = new CellTable(page);
    }

    void endTable() {
        if (tableDepth == 0) {
            return;
        }
        if (--tableDepth > 0 || table == null) {
            current.append(' ');
            return;
        }
        finishCell();
        rowDepth = 0;
        CellTable done = table;
        table = null;
        inHead = false;
        inCaption = false;
        String stray = current.toString();
        reset();
        done.addCaption(stray); // text inside the table but in no cell
        blocks.addAll(done.blocks());
    }

    private void startCaption() {
        if (table != null && tableDepth == 1 && rowDepth == 0) {
            inCaption = true;
            reset();
        } else {
            breakBlock();
        }
    }

    private void endCaption() {
        if (inCaption) {
            table.addCaption(current.toString());
            inCaption = false;
            reset();
        } else {
            breakBlock();
        }
    }

    /** A row opens: in a collected table it starts a row of cells; elsewhere one block joins its cells. */
    void startRow() {
        if (table != null && tableDepth == 1) {
            if (rowDepth == 0) {
                table.addCaption(current.toString());
                reset();
                table.startRow(inHead);
                rowDepth = 1;
            } else {
                current.append(' ');
            }
            return;
        }
        if (table != null) {
            current.append(' ');
            return;
        }
        if (rowDepth++ == 0) {
            if (headingLevel > 0) {
                endHeading();
            }
            flushText();
            cellsInRow = 0;
        }
    }

    void startCell(boolean header, int colspan, int rowspan) {
        if (table != null) {
            if (tableDepth > 1) {
                current.append(' ');
                return;
            }
            if (rowDepth == 0) {
                startRow(); // a cell outside any row: give it one
            }
            finishCell();
            cellOpen = true;
            cellHeader = header;
            cellColspan = colspan;
            cellRowspan = rowspan;
            return;
        }
        if (rowDepth == 0) {
            breakBlock();
            return;
        }
        if (cellsInRow++ > 0) {
            current.append(" | ");
        }
    }

    private void finishCell() {
        if (cellOpen) {
            table.addCell(current.toString(), cellHeader, cellColspan, cellRowspan);
            cellOpen = false;
        }
        reset();
    }

    void endRow() {
        if (table != null) {
            if (tableDepth == 1 && rowDepth > 0) {
                finishCell();
                table.endRow();
                rowDepth = 0;
            } else {
                current.append(' ');
            }
            return;
        }
        if (rowDepth == 0) {
            return;
        }
        if (--rowDepth == 0) {
            if (blockPage >= 0) {
                blocks.add(Block.text(current.toString(), blockPage));
            }
            reset();
        }
    }

    /** A new page starts (PDF): the current block ends and later blocks carry the next page number. */
    void newPage() {
        closeTables();
        rowDepth = 0;
        if (headingLevel > 0) {
            endHeading();
        }
        flushText();
        page++;
    }

    /** Ends whatever is open and returns the blocks in reading order. */
    List<Block> finish() {
        closeTables();
        rowDepth = Math.min(rowDepth, 1);
        endRow();
        if (headingLevel > 0) {
            endHeading();
        }
        flushText();
        return List.copyOf(blocks);
    }

    /** Ends a table left open (a page ends, the document ends). */
    private void closeTables() {
        if (table != null) {
            tableDepth = 1;
            endTable();
        }
        tableDepth = 0;
    }

    int pageCount() {
        return page;
    }

    String firstHeading() {
        return firstHeading;
    }

    boolean limitExceeded() {
        return limitExceeded;
    }

    private void flushText() {
        if (blockPage >= 0) {
            String text = current.toString();
            if (splitOnBlankLines) {
                for (String paragraph : BLANK_LINES.split(text)) {
                    if (!paragraph.isBlank()) {
                        blocks.add(Block.text(paragraph, blockPage));
                    }
                }
            } else if (!text.isBlank()) {
                blocks.add(Block.text(text, blockPage));
            }
        }
        reset();
    }

    private void reset() {
        current.setLength(0);
        blockPage = -1;
    }

    /** Parsers rarely look at interrupts; the collector does, so a cancelled parse stops at its next text. */
    static void checkCancelled() {
        if (Thread.currentThread().isInterrupted()) {
            throw new ExtractionCancelledException();
        }
    }

    /** Thrown when a document yields more text than {@link ExtractionLimits#maxExtractedChars()}. */
    static final class TextLimitExceededException extends RuntimeException {
        TextLimitExceededException(int maxChars) {
            super(String.format(Locale.ROOT, "extracted text exceeds %,d characters", maxChars), null, false, false);
        }
    }

    /** Thrown when the thread running an extraction was interrupted (the parse timed out). */
    static final class ExtractionCancelledException extends RuntimeException {
        ExtractionCancelledException() {
            super("extraction cancelled", null, false, false);
        }
    }
}
