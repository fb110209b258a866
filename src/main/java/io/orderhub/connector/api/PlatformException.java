package io.orderhub.connector.api;

/**
 * The platform answered with an error. {@link Kind} decides what the connector does: renew the token and retry,
 * wait and retry, or give up and park with the reason.
 */
public class PlatformException extends RuntimeException {

    public enum Kind {
        /** The access token expired or was revoked: refresh, then retry once. */
        AUTH_EXPIRED,
        /** The platform's own rate limit or flow control: back off and retry. */
        RATE_LIMITED,
        /** The order does not exist (or not for this shop): not retried. */
        NOT_FOUND,
        /** Server errors, timeouts, "system busy": retried with backoff. */
        TRANSIENT,
        /** Bad request, bad signature, missing permission: not retried, needs a person. */
        PERMANENT,
        /** A ship call named a carrier the platform does not know (write-back): not retried, fix the carrier table. */
        WRONG_CARRIER_CODE
    }

    private final Kind kind;
    private final String platformCode;

    public PlatformException(Kind kind, String platformCode, String message) {
        super(message);
        this.kind = kind;
        this.platformCode = platformCode;
    }

    public Kind kind() {
        return kind;
    }

    /** The platform's own error code (e.g. TOP {@code 27} / {@code isv.trade-not-exist}), null when none. */
    public String platformCode() {
        return platformCode;
    }
}
