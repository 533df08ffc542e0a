package dev.sluice.client;

/**
 * A call to Sluice that failed before the service answered: the service could not be reached, the
 * connection broke, the call timed out, or the answer was not the JSON the client expects. The message
 * names the URL. Refusals the service answered are {@link SluiceApiException}s.
 */
public class SluiceClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SluiceClientException(String message, Throwable cause) {
        super(message, cause);
    }

    public SluiceClientException(String message) {
        super(message);
    }
}
