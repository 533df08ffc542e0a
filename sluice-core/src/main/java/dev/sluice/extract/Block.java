package dev.sluice.extract;

import dev.sluice.core.Checks;

/**
 * One structural unit of an extracted document, in reading order: a heading or a run of body text
 * (paragraph, list item, table row, code block).
 *
 * @param kind heading or body text
 * @param headingLevel 1..6 for headings, 0 for body text
 * @param text the raw extracted text, before normalization
 * @param page the 1-based page the block starts on, or 0 when the format has no pages
 */
public record Block(Kind kind, int headingLevel, String text, int page) {
    public enum Kind {
        HEADING,
        TEXT
    }

    public Block {
        Checks.notNull("kind", kind);
        Checks.notNull("text", text);
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
}
