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
 * @param duplicateOf the canonical document this one near-duplicates, when searches collapse duplicates; else null
 * @param metadata fields transforms added (classify labels, extracted fields), filterable; empty without
 */
public record DocumentInfo(
        String uri,
        String source,
        String path,
        String type,
        String title,
        String contentHash,
        AccessList access,
        DocumentAttributes attributes,
        String duplicateOf,
        java.util.Map<String, java.util.List<String>> metadata) {
    public DocumentInfo {
        access = access == null ? AccessList.PUBLIC : access;
        attributes = attributes == null ? DocumentAttributes.NONE : attributes;
        metadata = metadata == null ? java.util.Map.of() : java.util.Map.copyOf(metadata);
    }

    /** A document that duplicates none and has no transform fields. */
    public DocumentInfo(
            String uri,
            String source,
            String path,
            String type,
            String title,
            String contentHash,
            AccessList access,
            DocumentAttributes attributes) {
        this(uri, source, path, type, title, contentHash, access, attributes, null, java.util.Map.of());
    }

    /** This document, collapsed in search results into {@code canonical} (null: into none). */
    public DocumentInfo withDuplicateOf(String canonical) {
        return new DocumentInfo(uri, source, path, type, title, contentHash, access, attributes, canonical, metadata);
    }

    /** This document with the fields transforms added. */
    public DocumentInfo withMetadata(java.util.Map<String, java.util.List<String>> fields) {
        return new DocumentInfo(uri, source, path, type, title, contentHash, access, attributes, duplicateOf, fields);
    }

    /** The names of the fields this document has: built-in ones with a value, then transform fields. */
    public java.util.List<String> fieldNames() {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (title != null && !title.isBlank()) {
            out.add("title");
        }
        if (type != null && !type.isBlank()) {
            out.add("type");
        }
        if (path != null && !path.isBlank()) {
            out.add("path");
        }
        if (attributes.issuer() != null) {
            out.add("issuer");
        }
        if (attributes.docType() != null) {
            out.add("doctype");
        }
        if (attributes.year() > 0) {
            out.add("year");
        }
        if (attributes.quarter() > 0) {
            out.add("quarter");
        }
        metadata.forEach((name, values) -> {
            if (!values.isEmpty()) {
                out.add(name);
            }
        });
        return out;
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
