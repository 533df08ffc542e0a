package dev.sluice.extract;

import dev.sluice.core.Checks;

/**
 * One structural unit of an extracted document, in reading order: a heading or a run of body text
 * (paragraph, list item, table row, code block).
 *
 * <p>A table is a run of text blocks: an optional {@link TablePart#HEADER} block (caption, column
 * headers, units) followed by {@link TablePart#ROW} blocks, each a whole row written as {@code label
 * | header: value | ... (units)}. A header block starts a new table; the table ends at the first block
 * that is not a row.
 *
 * @param kind heading or body text
 * @param headingLevel 1..6 for headings, 0 for body text
 * @param text the raw extracted text, before normalization
 * @param page the 1-based page the block starts on, or 0 when the format has no pages
 * @param tablePart whether the block is a table's header line, one of its rows, or no table at all
 */
public record Block(Kind kind, int headingLevel, String text, int page, TablePart tablePart) {
    public enum Kind {
        HEADING,
        TEXT
    }

    /** The part of a table a text block is. */
    public enum TablePart {
        /** Not part of a table. */
        NONE,
        /** A table's header line: caption, column headers, units. */
        HEADER,
        /** One row of a table, with its label, values, column headers and units. */
        ROW
    }

    /** A block outside any table. */
    public Block(Kind kind, int headingLevel, String text, int page) {
        this(kind, headingLevel, text, page, TablePart.NONE);
    }

    public Block {
        Checks.notNull("kind", kind);
        Checks.notNull("text", text);
        Checks.notNull("tablePart", tablePart);
        if (kind == Kind.HEADING && tablePart != TablePart.NONE) {
            throw new IllegalArgumentException("a heading cannot be part of a table, got tablePart " + tablePart);
        }
        if (kind == Kind.HEADING) {
            Checks.inRange("headingLevel", headingLevel, 1, 6);
        } else if (headingLevel != 0) {
            throw new IllegalArgumentException("headingLevel must be 0 for text blocks, got " + headingLevel);
        }
        if (page < 0) {
            throw new IllegalArgumentException("page must be >= 0, got " + page);
        }
    }

    public static Block heading(int level, String text, int page) {
        return new Block(Kind.HEADING, level, text, page);
    }

    public static Block text(String text, int page) {
        return new Block(Kind.TEXT, 0, text, page);
    }

    public static Block tableHeader(String text, int page) {
        return new Block(Kind.TEXT, 0, text, page, TablePart.HEADER);
    }

    public static Block tableRow(String text, int page) {
        return new Block(Kind.TEXT, 0, text, page, TablePart.ROW);
    }
}
