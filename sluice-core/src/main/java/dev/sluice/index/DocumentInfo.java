package dev.sluice.index;

import dev.sluice.core.AccessList;
import dev.sluice.enrich.DocumentAttributes;

/**
 * Document-level fields stored on each of its chunks.
 *
 * @param uri source URI; the document's identity in the index
 * @param source name of the source it came from (for filters)
 * @param path path relative to the source root, with '/' separators (for filters and citations)
 * @param type short type name: pdf, docx, odt, html, markdown, text, ...
 * @param title document title
 * @param contentHash SHA-256 of the normalized text: the version of the document
 * @param access who may read it; searches for a caller filter on it inside the query
 * @param attributes what the document is (issuer, type, period), read at ingest; empty when unknown
 */
public record DocumentInfo(
        String uri,
        String source,
        String path,
        String type,
        String title,
        String contentHash,
        AccessList access,
        DocumentAttributes attributes) {
    public DocumentInfo {
        access = access == null ? AccessList.PUBLIC : access;
        attributes = attributes == null ? DocumentAttributes.NONE : attributes;
    }

    /** A document without known attributes. */
    public DocumentInfo(
            String uri, String source, String path, String type, String title, String contentHash, AccessList access) {
        this(uri, source, path, type, title, contentHash, access, DocumentAttributes.NONE);
    }

    /** A document every caller may read. */
    public DocumentInfo(String uri, String source, String path, String type, String title, String contentHash) {
        this(uri, source, path, type, title, contentHash, AccessList.PUBLIC);
    }
}
