package io.orderhub.connector.api;

import java.time.Instant;

/** A renewed access token; {@code refreshToken} is null when the platform keeps the old one valid. */
public record TokenGrant(String accessToken, String refreshToken, Instant expiresAt) {

    @Override
    public String toString() {
        return "TokenGrant[expiresAt=" + expiresAt + "]";
    }
}
