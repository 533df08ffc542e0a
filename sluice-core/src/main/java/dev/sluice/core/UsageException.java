package dev.sluice.core;

/**
 * The user's input cannot be used: a flag, a key of sluice.yaml, a request field. The message names
 * what to change, as the user wrote it ({@code --threads must be > 0, got 0}; {@code sluice.yaml:7:
 * chunking.maxTokens must be > 0, got -3}). The CLI exits 2 with the message; the service answers 400.
 */
public class UsageException extends SluiceException {
    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
