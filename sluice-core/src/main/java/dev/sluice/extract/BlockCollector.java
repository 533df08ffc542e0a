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
        int level = headingLevel(name);
        if (level > 0) {
            startHeading(level);
        } else if (name.equals("tr")) {
            startRow();
        } else if (name.equals("td") || name.equals("th")) {
            startCell();
        } else if (name.equals("br")) {
            lineBreak();
        } else if (BLOCK_ELEMENTS.contains(name)) {
            breakBlock();
        }
    }

    /** An element closes. */
    void closeElement(String name) {
        if (headingLevel(name) > 0) {
            endHeading();
        } else if (name.equals("tr")) {
            endRow();
        } else if (BLOCK_ELEMENTS.contains(name)) {
            breakBlock();
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
        if (headingLevel > 0 || rowDepth > 0) {
            current.append(' ');
            return;
        }
        flushText();
    }

    void lineBreak() {
        current.append('\n');
    }

    void startHeading(int level) {
        if (rowDepth > 0 || headingLevel > 0) {
            current.append(' ');
            return;
        }
        flushText();
        headingLevel = level;
    }

    void endHeading() {
        if (rowDepth > 0 || headingLevel == 0) {
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

    void startRow() {
        if (rowDepth++ == 0) {
            if (headingLevel > 0) {
                endHeading();
            }
            flushText();
            cellsInRow = 0;
        }
    }

    void startCell() {
        if (rowDepth == 0) {
            breakBlock();
            return;
        }
        if (cellsInRow++ > 0) {
            current.append(" | ");
        }
    }

    void endRow() {
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
        rowDepth = 0;
        if (headingLevel > 0) {
            endHeading();
        }
        flushText();
        page++;
    }

    /** Ends whatever is open and returns the blocks in reading order. */
    List<Block> finish() {
        rowDepth = Math.min(rowDepth, 1);
        endRow();
        if (headingLevel > 0) {
            endHeading();
        }
        flushText();
        return List.copyOf(blocks);
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
