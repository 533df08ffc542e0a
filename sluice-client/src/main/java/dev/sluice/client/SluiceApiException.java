package dev.sluice.client;

/**
 * The service refused a call: its HTTP status and the {@code {"code", "message"}} it sent. A subclass
 * per refusal a caller handles differently: {@link Unauthenticated} (401: no key or a wrong or revoked
 * one), {@link Forbidden} (403: the key lacks the route's scope), {@link RateLimited} (429: wait {@link
 * RateLimited#retryAfterSeconds()}), {@link ServerError} (5xx: the service's own failure). Others (400
 * {@code bad_request}, 404) are this class.
 */
public class SluiceApiException extends SluiceClientException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String serverMessage;

    SluiceApiException(String url, int status, String code, String serverMessage, String hint) {
        super("Sluice at " + url + " answered " + status + " " + code + ": " + serverMessage
                + (hint == null ? "" : " (" + hint + ")"));
        this.status = status;
        this.code = code;
        this.serverMessage = serverMessage;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The service's stable code, such as {@code unauthenticated} or {@code rate_limited}. */
    public String code() {
        return code;
    }

    /** The service's message, as it sent it. */
    public String serverMessage() {
        return serverMessage;
    }

    /** 401: no API key, or one the service does not know (mistyped, revoked). */
    public static final class Unauthenticated extends SluiceApiException {
        private static final long serialVersionUID = 1L;

        Unauthenticated(String url, String code, String message) {
            super(url, 401, code, message, "check the API key: sluice keys create prints one");
        }
    }

    /** 403: the key is valid but lacks the route's scope ({@code query} for search and ask). */
    public static final class Forbidden extends SluiceApiException {
        private static final long serialVersionUID = 1L;

        Forbidden(String url, String code, String message) {
            super(url, 403, code, message, "create a key with the query scope: sluice keys create --scopes query");
        }
    }

    /** 429: the key made more requests than its rate allows; try again after {@link #retryAfterSeconds()}. */
    public static final class RateLimited extends SluiceApiException {
        private static final long serialVersionUID = 1L;
        private final long retryAfterSeconds;

        RateLimited(String url, String code, String message, long retryAfterSeconds) {
            super(url, 429, code, message, "retry after " + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        /** The service's Retry-After, in seconds (1 when it sent none). */
        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** 5xx: the service failed (or a proxy in front of it did); the request itself may be fine. */
    public static final class ServerError extends SluiceApiException {
        private static final long serialVersionUID = 1L;

        ServerError(String url, int status, String code, String message) {
            super(url, status, code, message, "the service's log has the cause; try again later");
        }
    }

    /** The exception for a refusal, by status. */
    static SluiceApiException of(String url, int status, String code, String message, long retryAfterSeconds) {
        return switch (status) {
            case 401 -> new Unauthenticated(url, code, message);
            case 403 -> new Forbidden(url, code, message);
            case 429 -> new RateLimited(url, code, message, Math.max(1, retryAfterSeconds));
            default ->
                status >= 500
                        ? new ServerError(url, status, code, message)
                        : new SluiceApiException(url, status, code, message, null);
        };
    }
}
