package dev.sluice.client;

import java.util.List;
import java.util.Map;

/**
 * One ranked chunk with what a citation needs; the same fields whether it came over HTTP or from an
 * embedded knowledge base.
 *
 * @param rank 1-based rank
 * @param score the mode's score: BM25 score (unbounded), cosine similarity (-1 to 1), or the fused
 *     reciprocal-rank score of hybrid search (small: about 0.01 to 0.03); compare scores within one mode only
 * @param documentId the document's URI, its identity in the knowledge base
 * @param chunkId the chunk's identity (stable across runs while its text and chunker do not change)
 * @param source the source's name
 * @param path the source-relative path
 * @param type the document type (pdf, markdown...)
 * @param title the document's title
 * @param headingPath the headings above the chunk, outermost first
 * @param pageStart first page (0 when the format has no pages)
 * @param pageEnd last page (0 when the format has no pages)
 * @param citation a readable citation: path, page and heading, such as {@code guide.pdf p.3 § Install}
 * @param text the chunk's text
 * @param snippet a short passage of the text around the query's terms
 * @param metadata the rest of what the service said of the hit (offsets {@code start} and {@code end},
 *     {@code chunkerVersion}, {@code model}, {@code modelVersion}, and fields newer services add)
 */
public record Hit(
        int rank,
        double score,
        String documentId,
        String chunkId,
        String source,
        String path,
        String type,
        String title,
        List<String> headingPath,
        int pageStart,
        int pageEnd,
        String citation,
        String text,
        String snippet,
        Map<String, Object> metadata) {
    public Hit {
        headingPath = headingPath == null ? List.of() : List.copyOf(headingPath);
        metadata = metadata == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
    }

    /** The headings above the chunk joined with {@code " > "}, or the empty string. */
    public String section() {
        return String.join(" > ", headingPath);
    }
}
