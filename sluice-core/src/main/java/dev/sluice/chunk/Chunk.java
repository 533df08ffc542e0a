package dev.sluice.chunk;

import java.util.List;

/**
 * A piece of a normalized document, sized for the embedding model.
 *
 * @param id deterministic identity: the same document text and chunker settings give the same id
 * @param documentUri source URI of the document
 * @param ordinal 0-based position in the document
 * @param title document title
 * @param headingPath headings enclosing the chunk, outermost first
 * @param pageStart 1-based page the chunk starts on, 0 when the format has no pages
 * @param pageEnd 1-based page the chunk ends on, 0 when the format has no pages
 * @param start inclusive character offset into the normalized text
 * @param end exclusive character offset into the normalized text
 * @param text exactly {@code normalizedText.substring(start, end)}; for a later part of a table split
 *     across chunks, the table's header line, a blank line, then that substring
 * @param tokenCount model tokens in {@code text}
 * @param contentHash SHA-256 (hex) of {@code text}
 * @param chunkerVersion the chunker's algorithm and settings, for example {@code heading-aware/3;max=256;overlap=32}
 */
public record Chunk(
        String id,
        String documentUri,
        int ordinal,
        String title,
        List<String> headingPath,
        int pageStart,
        int pageEnd,
        int start,
        int end,
        String text,
        int tokenCount,
        String contentHash,
        String chunkerVersion) {
    public Chunk {
        headingPath = List.copyOf(headingPath);
    }
}
