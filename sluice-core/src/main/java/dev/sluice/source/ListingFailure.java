package dev.sluice.source;

import dev.sluice.core.QuarantineReason;

/**
 * An entry a source could not even offer for reading.
 *
 * @param source name of the source that listed it
 * @param uri the entry
 * @param path its path relative to the source root
 * @param reason why
 * @param message one line for people
 */
public record ListingFailure(String source, String uri, String path, QuarantineReason reason, String message) {}
