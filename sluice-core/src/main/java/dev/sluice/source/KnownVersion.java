package dev.sluice.source;

/**
 * What the catalog recorded of a document that is indexed and current: enough for a conditional
 * request (ETag, Last-Modified) and, when the answer is "not modified", to list the document again
 * exactly as it was recorded.
 *
 * @param sizeBytes size when last processed
 * @param modifiedMillis modification time (for web pages, the Last-Modified header) or 0
 * @param version the source's change token (see {@link SourceItem#version()}), or null
 */
public record KnownVersion(long sizeBytes, long modifiedMillis, String version) {
    /** The entity tag this version was fetched with, or null. */
    public String etag() {
        return SourceItem.etagOf(version);
    }
}
