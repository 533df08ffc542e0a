package dev.sluice.source;

import dev.sluice.core.QuarantineReason;

/**
 * An entry a source could not even offer for reading.
 *
 * @param uri the entry
 * @param path its path relative to the source root
 * @param reason why
 * @param message one line for people
 */
public record ListingFailure(String uri, String path, QuarantineReason reason, String message) {}
