package io.orderhub.connector.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.orderhub.config.OrderHubConfig;
import io.orderhub.ingress.Channel;

/**
 * The sandbox platforms' memory: the shops (built from the hub's own shop configuration, as if the platform had issued
 * those credentials), their orders, and rendered detail bodies. In memory on purpose: a sandbox restart is a fresh
 * platform, while the hub's own store keeps what it captured.
 */
@ApplicationScoped
public class SandboxState implements SandboxBook {

    private final Map<Channel, SandboxPlatform> platforms = new ConcurrentHashMap<>();
    private final Map<String, SandboxShop> shops = new ConcurrentHashMap<>();
    private final Map<String, Channel> shopChannels = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentSkipListMap<String, SandboxOrder>> orders = new ConcurrentHashMap<>();
    private final Map<SandboxOrder, byte[]> rendered = new ConcurrentHashMap<>();
    /** Accepted ship calls per shop and order (write-back), as the platform would show them on the order. */
    private final Map<String, List<SandboxShipment>> shipments = new ConcurrentHashMap<>();
    private volatile String shipFault;

    public SandboxState(Instance<SandboxPlatform> implementations, OrderHubConfig config) {
        implementations.forEach(p -> p.channels().forEach(ch -> platforms.put(ch, p)));
        config.shops().forEach((key, shop) -> shop.api().ifPresent(api -> {
            Channel channel = Channel.fromCode(shop.channel()).orElseThrow();
            shops.put(key, new SandboxShop(key, shop.platformShopId().orElse(key), api.appKey(),
                    api.appSecret().orElse(null), api.accessToken().orElse(null), api.refreshToken().orElse(null),
                    shop.push().map(OrderHubConfig.Push::secret).orElse(null)));
            shopChannels.put(key, channel);
        }));
    }

    public Optional<SandboxPlatform> platform(Channel channel) {
        return Optional.ofNullable(platforms.get(channel));
    }

    public Optional<SandboxPlatform> platformAt(String segment) {
        return platforms.values().stream().filter(p -> p.pathSegment().equals(segment)).findFirst();
    }

    public Optional<SandboxShop> shop(String shopKey) {
        return Optional.ofNullable(shops.get(shopKey));
    }

    public Optional<Channel> channelOf(String shopKey) {
        return Optional.ofNullable(shopChannels.get(shopKey));
    }

    /** Adds or replaces an order (a new modification time replaces the order's previous state). */
    public void put(SandboxOrder order) {
        orders.computeIfAbsent(order.shopKey(), k -> new ConcurrentSkipListMap<>()).put(order.platformOrderId(),
                order);
    }

    public int count(String shopKey) {
        return orders.getOrDefault(shopKey, new ConcurrentSkipListMap<>()).size();
    }

    public void clear() {
        orders.clear();
        rendered.clear();
        shipments.clear();
    }

    @Override
    public boolean recordShipment(String shopKey, SandboxShipment shipment) {
        List<SandboxShipment> list = shipments.computeIfAbsent(shopKey + "|" + shipment.platformOrderId(),
                k -> new java.util.concurrent.CopyOnWriteArrayList<>());
        synchronized (list) {
            if (list.stream().anyMatch(s -> s.waybillNo().equals(shipment.waybillNo()))) {
                return false;
            }
            list.add(shipment);
            return true;
        }
    }

    @Override
    public List<SandboxShipment> shipments(String shopKey, String platformOrderId) {
        return List.copyOf(shipments.getOrDefault(shopKey + "|" + platformOrderId, List.of()));
    }

    /** Forgets an order's shipments, as if the platform had lost them (what the daily write-back check repairs). */
    public int forgetShipments(String shopKey, String platformOrderId) {
        List<SandboxShipment> gone = shipments.remove(shopKey + "|" + platformOrderId);
        return gone == null ? 0 : gone.size();
    }

    @Override
    public Optional<String> shipFault() {
        return Optional.ofNullable(shipFault);
    }

    /** Makes every ship call fail with this platform error kind until cleared (null). */
    public void shipFault(String kind) {
        this.shipFault = kind;
    }

    @Override
    public Optional<SandboxShop> shopByAppKey(Channel channel, String appKey) {
        return find(channel, s -> appKey != null && appKey.equals(s.appKey()));
    }

    @Override
    public Optional<SandboxShop> shopByAccessToken(Channel channel, String accessToken) {
        return find(channel, s -> accessToken != null && accessToken.equals(s.accessToken()));
    }

    private Optional<SandboxShop> find(Channel channel, Predicate<SandboxShop> match) {
        SandboxPlatform platform = platforms.get(channel);
        return shops.values().stream().filter(match)
                .filter(s -> {
                    Channel own = shopChannels.get(s.shopKey());
                    // Taobao and Tmall shops share one platform (TOP): either channel finds them
                    return own == channel || (platform != null && platform.channels().contains(own));
                })
                .findFirst();
    }

    @Override
    public Optional<SandboxOrder> order(String shopKey, String platformOrderId) {
        return Optional.ofNullable(orders.getOrDefault(shopKey, new ConcurrentSkipListMap<>()).get(platformOrderId));
    }

    @Override
    public List<SandboxOrder> modifiedBetween(String shopKey, Instant from, Instant to) {
        return between(shopKey, SandboxOrder::modifiedAt, from, to);
    }

    @Override
    public List<SandboxOrder> createdBetween(String shopKey, Instant from, Instant to) {
        return between(shopKey, SandboxOrder::createdAt, from, to);
    }

    private List<SandboxOrder> between(String shopKey, Function<SandboxOrder, Instant> time, Instant from,
            Instant to) {
        List<SandboxOrder> hits = new ArrayList<>();
        for (SandboxOrder o : orders.getOrDefault(shopKey, new ConcurrentSkipListMap<>()).values()) {
            Instant t = time.apply(o);
            if (!t.isBefore(from) && !t.isAfter(to)) {
                hits.add(o);
            }
        }
        hits.sort(Comparator.comparing(time).thenComparing(SandboxOrder::platformOrderId));
        return hits;
    }

    @Override
    public byte[] detail(SandboxOrder order) {
        return rendered.computeIfAbsent(order, o -> platforms.get(o.channel()).renderDetail(o));
    }

    @Override
    public SandboxShop renewToken(SandboxShop shop) {
        SandboxShop renewed = new SandboxShop(shop.shopKey(), shop.platformShopId(), shop.appKey(), shop.appSecret(),
                "sbx-" + UUID.randomUUID(), shop.refreshToken(), shop.pushSecret());
        shops.put(shop.shopKey(), renewed);
        return renewed;
    }

    /** Makes the shop's current access token stop working (as a platform does when a merchant re-authorises). */
    public void revokeToken(String shopKey) {
        shops.computeIfPresent(shopKey, (k, s) -> new SandboxShop(s.shopKey(), s.platformShopId(), s.appKey(),
                s.appSecret(), "revoked-" + UUID.randomUUID(), s.refreshToken(), s.pushSecret()));
    }
}
