package dev.sluice.quality;

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
     */
    public record Span(boolean heading, int headingLevel, int start, int end, int page) {}

    public NormalizedDocument {
        spans = List.copyOf(spans);
        metadata = Map.copyOf(metadata);
    }
}
