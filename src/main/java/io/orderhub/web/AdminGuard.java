package io.orderhub.web;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;

import io.orderhub.config.OrderHubConfig;
import io.orderhub.util.Hashing;

/**
 * Admin calls (replay, mapping administration) need the admin credential: {@code Authorization: Bearer <token>}
 * whose SHA-256 is {@code orderhub.admin.token-sha256}. Without that setting the admin API is off.
 */
@ApplicationScoped
public class AdminGuard {

    private final Optional<byte[]> tokenHash;

    public AdminGuard(OrderHubConfig config) {
        this.tokenHash = config.admin().tokenSha256()
                .map(Hashing::fromHex);
    }

    public void require(Exchange exchange) {
        if (tokenHash.isEmpty()) {
            throw new ApiError(403, "admin_disabled",
                    "no admin credential is configured (orderhub.admin.token-sha256)");
        }
        String auth = exchange.getMessage().getHeader("Authorization", String.class);
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)
                || !Hashing.constantTimeEquals(tokenHash.get(), Hashing.sha256(auth.substring(7).trim()))) {
            throw new ApiError(401, "unauthorized", "admin credential missing or wrong");
        }
    }
}
