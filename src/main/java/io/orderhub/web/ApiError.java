package io.orderhub.web;

/**
 * A request the hub refuses: carries the HTTP status and the machine-readable reason of the HTTP contract.
 */
public class ApiError extends RuntimeException {

    private final int status;
    private final String reason;
    private final long retryAfterSeconds;

    public ApiError(int status, String reason, String message, long retryAfterSeconds) {
        // no stack trace: these are answers to callers, not faults of the hub
        super(message, null, false, false);
        this.status = status;
        this.reason = reason;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ApiError(int status, String reason, String message) {
        this(status, reason, message, 0);
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    /** Seconds for a Retry-After header, or 0 for none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
