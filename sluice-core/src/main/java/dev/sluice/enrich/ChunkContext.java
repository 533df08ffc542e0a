package dev.sluice.enrich;

import java.util.List;

/**
 * The document context a chunk is embedded and searched with: a short header naming the document
 * ("3M Company · 10-K · fiscal year 2018 · Item 8"), then the chunk's text. A chunk from page 60 of a
 * filing does not say whose filing or which year; with the header, a question that names them meets it in
 * both BM25 and the vector. The chunk's own text, offsets and hash are unchanged: citations quote the
 * text, never the header.
 */
public final class ChunkContext {
    private ChunkContext() {}

    /** The header, or "" for a document without attributes (its text is embedded alone, as before). */
    public static String header(DocumentAttributes attributes, List<String> headingPath) {
        return attributes == null || attributes.isEmpty() ? "" : attributes.header(headingPath);
    }

    /** What the embedding model reads for a chunk: the header, a blank line, the text. */
    public static String embeddingInput(DocumentAttributes attributes, List<String> headingPath, String text) {
        String header = header(attributes, headingPath);
        return header.isEmpty() ? text : header + "\n\n" + text;
    }
}
