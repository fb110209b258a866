package io.orderhub.connector.api;

import java.time.Instant;

/**
 * A shop's open-API credentials, decrypted for the time of one call. {@link #toString()} never shows a secret.
 *
 * @param platformShopId the shop's id on the platform (some calls name it)
 * @param appKey app key / client id / appid
 * @param appSecret app secret / client secret
 * @param accessToken the shop's OAuth access token (null where the platform signs with the app secret only)
 * @param refreshToken null where the platform renews otherwise
 * @param tokenExpiresAt null when unknown
 */
public record ShopAccess(String shopKey, String platformShopId, String appKey, String appSecret, String accessToken,
        String refreshToken, Instant tokenExpiresAt) {

    @Override
    public String toString() {
        return "ShopAccess[" + shopKey + ", appKey=" + appKey + "]";
    }
}
