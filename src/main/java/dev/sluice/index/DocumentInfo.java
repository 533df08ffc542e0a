package dev.sluice.index;

/**
 * Document-level fields stored on each of its chunks.
 *
 * @param uri source URI; the document's identity in the index
 * @param source name of the source it came from (for filters)
 * @param path path relative to the source root, with '/' separators (for filters and citations)
 * @param type short type name: pdf, docx, odt, html, markdown, text, ...
 * @param title document title
 * @param contentHash SHA-256 of the normalized text: the version of the document
 */
public record DocumentInfo(String uri, String source, String path, String type, String title, String contentHash) {}
