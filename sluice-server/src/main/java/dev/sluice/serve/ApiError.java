package dev.sluice.serve;

/**
 * A request the service refuses, with its HTTP status and a stable code; turned into {@code
 * {"code", "message"}} in one place, never a stack trace.
 */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final long retryAfterSeconds;

    public ApiError(int status, String code, String message) {
        this(status, code, message, 0);
    }

    /** @param retryAfterSeconds sent as Retry-After when > 0 */
    public ApiError(int status, String code, String message, long retryAfterSeconds) {
        super(message);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, "bad_request", message);
    }
}
