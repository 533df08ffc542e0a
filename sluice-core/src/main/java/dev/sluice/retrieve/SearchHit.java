package dev.sluice.retrieve;

import java.util.List;

/**
 * One ranked chunk with what a citation needs.
 *
 * @param rank 1-based rank
 * @param score the mode's score: BM25 score, cosine similarity, or fused reciprocal-rank score
 * @param chunkId chunk identity
 * @param documentUri source URI
 * @param source source name
 * @param path source-relative path
 * @param type document type
 * @param title document title
 * @param headingPath headings enclosing the chunk
 * @param pageStart first page (0 when unpaged)
 * @param pageEnd last page (0 when unpaged)
 * @param ordinal chunk position in its document
 * @param start character offset of the chunk in the document's normalized text
 * @param end end offset (exclusive) in the normalized text
 * @param chunkerVersion chunker algorithm and settings that made the chunk
 * @param modelId embedding model of the chunk's vector
 * @param modelVersion version of that model
 * @param text the chunk text
 * @param snippet a short passage of the text around the query's terms
 */
public record SearchHit(
        int rank,
        float score,
        String chunkId,
        String documentUri,
        String source,
        String path,
        String type,
        String title,
        List<String> headingPath,
        int pageStart,
        int pageEnd,
        int ordinal,
        int start,
        int end,
        String chunkerVersion,
        String modelId,
        String modelVersion,
        String text,
        String snippet) {

    /** A readable citation: path, page and heading, e.g. {@code guide.pdf p.3 § Install > Linux}. */
    public String citation() {
        StringBuilder sb = new StringBuilder(path);
        if (pageStart > 0) {
            sb.append(pageEnd > pageStart ? " pp." + pageStart + "-" + pageEnd : " p." + pageStart);
        }
        if (!headingPath.isEmpty()) {
            sb.append(" § ").append(String.join(" > ", headingPath));
        }
        return sb.toString();
    }
}
