package io.orderhub.connector.platform;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.orderhub.connector.sandbox.SandboxBook;
import io.orderhub.connector.sandbox.SandboxOrder;
import io.orderhub.connector.sandbox.SandboxPlatform;
import io.orderhub.connector.sandbox.SandboxShop;
import io.orderhub.ingress.Channel;

/** An in-memory sandbox book for one platform's tests. */
public final class SingleShopBook implements SandboxBook {

    public final Map<String, SandboxShop> shops = new LinkedHashMap<>();
    public final List<SandboxOrder> orders = new ArrayList<>();
    private final SandboxPlatform platform;
    private int renewals;

    public SingleShopBook(SandboxPlatform platform, SandboxShop... shops) {
        this.platform = platform;
        for (SandboxShop s : shops) {
            this.shops.put(s.shopKey(), s);
        }
    }

    @Override
    public Optional<SandboxShop> shopByAppKey(Channel channel, String appKey) {
        return shops.values().stream().filter(s -> s.appKey().equals(appKey)).findFirst();
    }

    @Override
    public Optional<SandboxShop> shopByAccessToken(Channel channel, String accessToken) {
        return shops.values().stream().filter(s -> s.accessToken().equals(accessToken)).findFirst();
    }

    @Override
    public Optional<SandboxOrder> order(String shopKey, String platformOrderId) {
        return orders.stream().filter(o -> o.shopKey().equals(shopKey) && o.platformOrderId().equals(platformOrderId))
                .findFirst();
    }

    @Override
    public List<SandboxOrder> modifiedBetween(String shopKey, Instant from, Instant to) {
        return between(shopKey, from, to, SandboxOrder::modifiedAt);
    }

    @Override
    public List<SandboxOrder> createdBetween(String shopKey, Instant from, Instant to) {
        return between(shopKey, from, to, SandboxOrder::createdAt);
    }

    @Override
    public byte[] detail(SandboxOrder order) {
        return platform.renderDetail(order);
    }

    @Override
    public SandboxShop renewToken(SandboxShop shop) {
        renewals++;
        SandboxShop renewed = new SandboxShop(shop.shopKey(), shop.platformShopId(), shop.appKey(), shop.appSecret(),
                "renewed-access-" + renewals, "renewed-refresh-" + renewals, shop.pushSecret());
        shops.put(shop.shopKey(), renewed);
        return renewed;
    }

    private List<SandboxOrder> between(String shopKey, Instant from, Instant to, Function<SandboxOrder, Instant> at) {
        return orders.stream().filter(o -> o.shopKey().equals(shopKey))
                .filter(o -> !at.apply(o).isBefore(from) && !at.apply(o).isAfter(to))
                .sorted(Comparator.comparing(at)).toList();
    }
}
