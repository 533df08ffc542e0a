package dev.sluice.source;

import java.nio.file.Path;

/**
 * One file a source offers.
 *
 * @param source the source's name (for filters and citations)
 * @param file where to read it
 * @param uri its identity: the absolute {@code file:} URI
 * @param relativePath path relative to the source root, '/'-separated
 * @param sizeBytes size when listed
 * @param lastModifiedMillis modification time when listed
 */
public record SourceItem(
        String source, Path file, String uri, String relativePath, long sizeBytes, long lastModifiedMillis) {}
