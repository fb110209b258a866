package io.orderhub.ingress.signature;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.orderhub.ingress.Channel;
import io.orderhub.ingress.IntakeRequest;
import io.orderhub.ingress.ShopRegistry.Shop;
import io.orderhub.util.Hashing;

/**
 * 抖店 message push: header {@code event-sign} = hex MD5(app_key + raw body + app_secret), header {@code app-id}
 * names the app.
 */
@ApplicationScoped
public class DouyinSignature implements PushSignature {

    @Override
    public Channel channel() {
        return Channel.DOUYIN;
    }

    @Override
    public boolean present(IntakeRequest request) {
        return request.header("event-sign") != null;
    }

    @Override
    public Optional<Shop> verify(IntakeRequest request, List<Shop> shops) {
        String appId = request.header("app-id");
        String sign = request.header("event-sign");
        return shops.stream()
                .filter(s -> s.appKey().isPresent() && s.appKey().get().equals(appId) && s.pushSecret().isPresent())
                .filter(s -> Hashing.constantTimeEqualsIgnoreCase(expected(s, request.body()), sign))
                .findFirst();
    }

    private static String expected(Shop shop, byte[] body) {
        return Hashing.hex("MD5", shop.appKey().get().getBytes(StandardCharsets.UTF_8), body,
                shop.pushSecret().get().getBytes(StandardCharsets.UTF_8));
    }
}
