package dev.sluice.quality;

import dev.sluice.extract.Block;
import java.util.List;
import java.util.Map;

/**
 * A document after normalization: one text with the spans of its blocks.
 *
 * @param uri source URI
 * @param title document title (normalized)
 * @param mediaType detected media type
 * @param text the whole normalized text; blocks are separated by a blank line ("\n\n")
 * @param spans the blocks, in order, as offsets into {@code text}
 * @param metadata kept metadata
 */
public record NormalizedDocument(
        String uri, String title, String mediaType, String text, List<Span> spans, Map<String, String> metadata) {

    /**
     * One block of the normalized text.
     *
     * @param heading whether this block is a heading
     * @param headingLevel 1..6 for headings, 0 otherwise
     * @param start inclusive offset into the text
     * @param end exclusive offset into the text
     * @param page 1-based page the block is on, 0 when unknown
     * @param tablePart whether the block is a table's header line, one of its rows, or neither (see
     *     {@link Block}: a header starts a table, the rows after it belong to it)
     */
    public record Span(boolean heading, int headingLevel, int start, int end, int page, Block.TablePart tablePart) {
        public Span {
            tablePart = tablePart == null ? Block.TablePart.NONE : tablePart;
        }

        /** A span outside any table. */
        public Span(boolean heading, int headingLevel, int start, int end, int page) {
            this(heading, headingLevel, start, end, page, Block.TablePart.NONE);
        }
    }

    public NormalizedDocument {
        spans = List.copyOf(spans);
        metadata = Map.copyOf(metadata);
    }
}
