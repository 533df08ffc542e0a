package dev.sluice.source;

import java.nio.file.Path;

/**
 * One document a source offers.
 *
 * @param source the source's name (for filters and citations)
 * @param file where to read it; null when the source proved it unchanged without reading it (an
 *     HTTP 304), in which case the other fields repeat the recorded version
 * @param uri its identity: the absolute {@code file:} URI, or the page's URL
 * @param relativePath path relative to the source root, '/'-separated (for a web page, its URL)
 * @param sizeBytes size when listed
 * @param lastModifiedMillis modification time when listed (for a web page, its Last-Modified header, or 0)
 * @param version a change token stronger than size and time: {@code sha256:<hex>} of the content,
 *     followed by {@code  etag:<entity tag>} when a web server gave one; null when the source offers none
 * @param access who may read this document when it has its own list (an access sidecar file, an
 *     upload's list); null when the source's list applies
 */
public record SourceItem(
        String source,
        Path file,
        String uri,
        String relativePath,
        long sizeBytes,
        long lastModifiedMillis,
        String version,
        dev.sluice.core.AccessList access) {
    private static final String SHA256_PREFIX = "sha256:";
    private static final String ETAG_PART = " etag:";

    /** An item whose change signal is its size and modification time. */
    public SourceItem(
            String source, Path file, String uri, String relativePath, long sizeBytes, long lastModifiedMillis) {
        this(source, file, uri, relativePath, sizeBytes, lastModifiedMillis, null, null);
    }

    /** An item with a content version, read by whoever its source's list allows. */
    public SourceItem(
            String source,
            Path file,
            String uri,
            String relativePath,
            long sizeBytes,
            long lastModifiedMillis,
            String version) {
        this(source, file, uri, relativePath, sizeBytes, lastModifiedMillis, version, null);
    }

    /** The version of content with this SHA-256 (hex), fetched with this entity tag (or null). */
    public static String version(String sha256Hex, String etag) {
        return SHA256_PREFIX + sha256Hex + (etag == null ? "" : ETAG_PART + etag);
    }

    /** Whether two versions name the same content, whatever entity tags they were fetched with. */
    public static boolean sameContent(String version, String other) {
        return other != null && contentPart(version).equals(contentPart(other));
    }

    /** The entity tag a version was fetched with, or null. */
    public static String etagOf(String version) {
        int at = version == null ? -1 : version.indexOf(ETAG_PART);
        return at < 0 ? null : version.substring(at + ETAG_PART.length());
    }

    private static String contentPart(String version) {
        int at = version.indexOf(ETAG_PART);
        return at < 0 ? version : version.substring(0, at);
    }
}
