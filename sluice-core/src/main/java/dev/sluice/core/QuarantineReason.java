package dev.sluice.core;

/**
 * Why an input item did not become an indexed document. Every item a run sees ends either indexed
 * or quarantined with one of these reasons, so the run's counts reconcile.
 */
public enum QuarantineReason {
    /** The file could not be opened or read (permissions, I/O error, vanished while listed). */
    UNREADABLE("unreadable"),
    /** A symbolic link that leads back into a folder being walked. */
    SYMLINK_LOOP("symlink loop"),
    /** Larger than the configured file size limit. */
    TOO_LARGE("too large"),
    /** The parser did not finish within the configured time limit. */
    TIMED_OUT("timed out"),
    /** A media type Sluice has no extractor for, or binary content under a text name. */
    UNSUPPORTED_TYPE("unsupported type"),
    /** Damaged or truncated content the parser could not recover from. */
    CORRUPT("corrupt"),
    /** Password-protected content. */
    ENCRYPTED("encrypted"),
    /** An archive or container whose expansion or nesting exceeds the limits (zip bomb). */
    EXPANSION_LIMIT("expansion limit"),
    /** Nothing but whitespace once extracted and normalized. */
    EMPTY("empty after extraction"),
    /** A web page that could not be fetched for a lasting reason (HTTP 4xx, a bad redirect). */
    FETCH_FAILED("fetch failed"),
    /**
     * A web address, or a redirect, that leads to a loopback, private or link-local address while the
     * source does not allow them.
     */
    REFUSED_ADDRESS("refused address"),
    /**
     * The document's own access list (an {@code .access.json} sidecar) cannot be read or is not
     * valid: the document stays out of the index rather than being shown to the wrong readers.
     */
    BAD_ACCESS_LIST("bad access list"),
    /** A bug or an unexpected failure inside Sluice; the message says what failed. Report it. */
    INTERNAL_ERROR("internal error"),
    /** The text is garbled (mojibake, OCR noise) and the source's checks quarantine garbled text. */
    GARBLED("garbled text"),
    /** The text holds personal data and the source's checks quarantine it. */
    PERSONAL_DATA("personal data"),
    /** The text tries to instruct a model and the source's checks quarantine it. */
    INJECTION("prompt injection"),
    /** A copy or near-copy of an indexed document, and the source's checks skip duplicates. */
    DUPLICATE("duplicate");

    private final String label;

    QuarantineReason(String label) {
        this.label = label;
    }

    /** A short lower-case label for tables and JSON ("timed out"). */
    public String label() {
        return label;
    }

    /** The reason with this enum name; an unknown name (from a newer or older catalog) reads as INTERNAL_ERROR. */
    public static QuarantineReason fromName(String name) {
        for (QuarantineReason reason : values()) {
            if (reason.name().equals(name)) {
                return reason;
            }
        }
        return INTERNAL_ERROR;
    }
}
