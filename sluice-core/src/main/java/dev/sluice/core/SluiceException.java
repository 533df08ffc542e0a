package dev.sluice.core;

/**
 * A failure of a whole operation that a user can act on; its message says what happened and what
 * to do. The CLI prints the message (never a stack trace) and exits 1.
 */
public class SluiceException extends RuntimeException {
    public SluiceException(String message) {
        super(message);
    }

    public SluiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
