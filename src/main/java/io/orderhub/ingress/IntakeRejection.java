package io.orderhub.ingress;

import io.orderhub.web.ApiError;

/** Bad input at the intake door; never retried, never archived. */
public class IntakeRejection extends ApiError {

    public IntakeRejection(int status, String reason, String message) {
        super(status, reason, message);
    }

    public IntakeRejection(int status, String reason, String message, long retryAfterSeconds) {
        super(status, reason, message, retryAfterSeconds);
    }

    public static IntakeRejection unknownChannel(String channel) {
        return new IntakeRejection(404, "unknown_channel", "no channel '" + channel + "'");
    }

    public static IntakeRejection malformed(String message) {
        return new IntakeRejection(400, "malformed_payload", message);
    }

    public static IntakeRejection unauthorized(String message) {
        return new IntakeRejection(401, "unauthorized", message);
    }

    public static IntakeRejection badSignature(String message) {
        return new IntakeRejection(401, "bad_signature", message);
    }
}
