package dev.sluice.core;

/**
 * Thrown by a stage when one input item cannot go on; the pipeline turns it into a quarantine record
 * and continues with the next item.
 */
public final class ItemFailure extends Exception {
    private final String uri;
    private final QuarantineReason reason;

    public ItemFailure(String uri, QuarantineReason reason, String message) {
        this(uri, reason, message, null);
    }

    public ItemFailure(String uri, QuarantineReason reason, String message, Throwable cause) {
        super(message, cause);
        this.uri = uri;
        this.reason = reason;
    }

    /** The item that failed (a file URI). */
    public String uri() {
        return uri;
    }

    public QuarantineReason reason() {
        return reason;
    }
}
