package io.orderhub.connector.platform;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.orderhub.connector.sandbox.SandboxBook;
import io.orderhub.connector.sandbox.SandboxOrder;
import io.orderhub.connector.sandbox.SandboxPlatform;
import io.orderhub.connector.sandbox.SandboxShop;
import io.orderhub.ingress.Channel;

/** An in-memory sandbox book for plain tests: shops by channel, orders, token renewal by counter. */
public final class ChannelMemoryBook implements SandboxBook {

    private record Entry(Channel channel, SandboxShop shop) {
    }

    private final SandboxPlatform platform;
    private final List<Entry> shops = new ArrayList<>();
    private final List<SandboxOrder> orders = new ArrayList<>();
    private int renewals;

    public ChannelMemoryBook(SandboxPlatform platform) {
        this.platform = platform;
    }

    public ChannelMemoryBook shop(Channel channel, SandboxShop shop) {
        shops.add(new Entry(channel, shop));
        return this;
    }

    public ChannelMemoryBook order(SandboxOrder order) {
        orders.add(order);
        return this;
    }

    @Override
    public Optional<SandboxShop> shopByAppKey(Channel channel, String appKey) {
        return shops.stream().filter(e -> e.channel() == channel && e.shop().appKey().equals(appKey))
                .map(Entry::shop).findFirst();
    }

    @Override
    public Optional<SandboxShop> shopByAccessToken(Channel channel, String accessToken) {
        return shops.stream().filter(e -> e.channel() == channel && e.shop().accessToken().equals(accessToken))
                .map(Entry::shop).findFirst();
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
                "at-" + shop.shopKey() + "-" + renewals, "rt-" + shop.shopKey() + "-" + renewals, shop.pushSecret());
        shops.replaceAll(e -> e.shop().shopKey().equals(shop.shopKey()) ? new Entry(e.channel(), renewed) : e);
        return renewed;
    }

    private List<SandboxOrder> between(String shopKey, Instant from, Instant to, Function<SandboxOrder, Instant> t) {
        return orders.stream()
                .filter(o -> o.shopKey().equals(shopKey) && !t.apply(o).isBefore(from) && !t.apply(o).isAfter(to))
                .sorted(Comparator.comparing(t)).toList();
    }
}
