package io.orderhub.connector.platform.taobao;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.orderhub.connector.api.PlatformException;
import io.orderhub.connector.api.TokenGrant;

/**
 * Reads {@code top_auth_token_refresh_response.token_result}, a JSON document carried as a string (fields
 * access_token, refresh_token, expires_in seconds, expire_time epoch millis; github.com/bububa/opentaobao
 * model/util/TaobaoTopAuthTokenRefreshResponse.go and the TOP doc of taobao.top.auth.token.refresh).
 */
final class TopTokens {

    private TopTokens() {
    }

    static TokenGrant read(ObjectMapper json, JsonNode root, Instant now) {
        String text = root.path("top_auth_token_refresh_response").path("token_result").asText("");
        JsonNode token;
        try {
            token = text.isEmpty() ? null : json.readTree(text);
        } catch (IOException e) {
            token = null;
        }
        if (token == null || token.path("access_token").asText("").isEmpty()) {
            throw new PlatformException(PlatformException.Kind.PERMANENT, null,
                    "TOP token refresh answered without token_result.access_token");
        }
        Instant expiresAt = token.hasNonNull("expire_time")
                ? Instant.ofEpochMilli(token.get("expire_time").asLong())
                : token.hasNonNull("expires_in") ? now.plusSeconds(token.get("expires_in").asLong()) : null;
        String refresh = token.path("refresh_token").asText("");
        return new TokenGrant(token.get("access_token").asText(), refresh.isEmpty() ? null : refresh, expiresAt);
    }
}
