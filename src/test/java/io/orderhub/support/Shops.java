package io.orderhub.support;

import java.util.Optional;

import io.orderhub.ingress.Channel;
import io.orderhub.ingress.ShopRegistry.Shop;

/** Shops as the registry hands them to the push-signature verifiers. */
public final class Shops {

    private Shops() {
    }

    /** A shop that authenticates by push signature only: app key (may be null) and push secret. */
    public static Shop pushShop(String key, Channel channel, String platformShopId, String appKey, String secret) {
        return new Shop(key, channel, platformShopId, Optional.empty(), Optional.empty(), Optional.ofNullable(appKey),
                Optional.ofNullable(secret), Optional.empty());
    }
}
