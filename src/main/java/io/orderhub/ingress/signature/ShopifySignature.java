package io.orderhub.ingress.signature;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.orderhub.ingress.Channel;
import io.orderhub.ingress.IntakeRequest;
import io.orderhub.ingress.ShopRegistry.Shop;
import io.orderhub.util.Hashing;

/**
 * Shopify webhooks: header {@code X-Shopify-Hmac-Sha256} = base64 HMAC-SHA256 of the raw body with the app's
 * secret; {@code X-Shopify-Shop-Domain} names the shop.
 */
@ApplicationScoped
public class ShopifySignature implements PushSignature {

    @Override
    public Channel channel() {
        return Channel.SHOPIFY;
    }

    @Override
    public boolean present(IntakeRequest request) {
        return request.header("X-Shopify-Hmac-Sha256") != null;
    }

    @Override
    public Optional<Shop> verify(IntakeRequest request, List<Shop> shops) {
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(request.header("X-Shopify-Hmac-Sha256").trim());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String domain = request.header("X-Shopify-Shop-Domain");
        return shops.stream()
                .filter(s -> s.pushSecret().isPresent())
                .filter(s -> domain == null || domain.equals(s.platformShopId()))
                .filter(s -> Hashing.constantTimeEquals(presented,
                        Hashing.hmacSha256(s.pushSecret().get().getBytes(StandardCharsets.UTF_8), request.body())))
                .findFirst();
    }
}
