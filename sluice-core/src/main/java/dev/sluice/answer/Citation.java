package dev.sluice.answer;

import java.util.List;

/**
 * Where a numbered citation of an answer points.
 *
 * @param number the {@code [n]} of the answer text
 * @param chunkId the chunk
 * @param uri its document
 * @param path its source-relative path
 * @param pageStart first page (0 when the format has none)
 * @param pageEnd last page
 * @param headingPath the headings above it
 * @param source its source's name
 */
public record Citation(
        int number,
        String chunkId,
        String uri,
        String path,
        int pageStart,
        int pageEnd,
        List<String> headingPath,
        String source) {
    public Citation {
        headingPath = List.copyOf(headingPath);
    }

    static Citation of(ContextChunk c) {
        return new Citation(
                c.number(),
                c.hit().chunkId(),
                c.hit().documentUri(),
                c.hit().path(),
                c.hit().pageStart(),
                c.hit().pageEnd(),
                c.hit().headingPath(),
                c.hit().source());
    }
}
