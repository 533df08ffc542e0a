package dev.sluice.answer;

import dev.sluice.retrieve.SearchHit;

/**
 * One numbered passage of an answer's context: what a citation {@code [n]} points at.
 *
 * @param number the citation number, from 1
 * @param hit the retrieved chunk, with its source, path, pages and heading path
 */
public record ContextChunk(int number, SearchHit hit) {
    /** The chunk's text. */
    public String text() {
        return hit.text();
    }

    /**
     * This passage as a {@link dev.sluice.conflict.ConflictDetector} reads it: chunk id, document URI and
     * text (no document version: the index holds one version of each document).
     */
    public dev.sluice.conflict.Passage passage() {
        return new dev.sluice.conflict.Passage(hit.chunkId(), hit.documentUri(), null, hit.text());
    }

    /** A readable citation: path, pages, headings. */
    public String citation() {
        return hit.citation();
    }
}
