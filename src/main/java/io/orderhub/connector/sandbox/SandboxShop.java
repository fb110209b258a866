package io.orderhub.connector.sandbox;

/** A shop as the sandbox platform knows it: the app credentials it checks, and the push secret it signs with. */
public record SandboxShop(String shopKey, String platformShopId, String appKey, String appSecret, String accessToken,
        String refreshToken, String pushSecret) {

    @Override
    public String toString() {
        return "SandboxShop[" + shopKey + "]";
    }
}
