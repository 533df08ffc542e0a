package dev.sluice.ingest;

import dev.sluice.core.QuarantineReason;

/**
 * An item that did not make it into the index, and why.
 *
 * @param uri the item
 * @param path source-relative path, for people
 * @param reason the category
 * @param message one line saying what went wrong
 */
public record Quarantined(String uri, String path, QuarantineReason reason, String message) {}
