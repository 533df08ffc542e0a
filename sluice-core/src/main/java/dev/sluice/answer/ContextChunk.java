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

    /** A readable citation: path, pages, headings. */
    public String citation() {
        return hit.citation();
    }
}
