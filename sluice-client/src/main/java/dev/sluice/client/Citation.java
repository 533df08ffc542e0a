package dev.sluice.client;

import java.util.List;

/**
 * Where a numbered citation of an answer points.
 *
 * @param number the {@code [n]} of the answer's text
 * @param chunkId the chunk
 * @param documentId its document's URI
 * @param path its source-relative path
 * @param pageStart first page (0 when the format has none)
 * @param pageEnd last page
 * @param headingPath the headings above it
 * @param source its source's name
 */
public record Citation(
        int number,
        String chunkId,
        String documentId,
        String path,
        int pageStart,
        int pageEnd,
        List<String> headingPath,
        String source) {
    public Citation {
        headingPath = headingPath == null ? List.of() : List.copyOf(headingPath);
    }
}
