package io.orderhub.connector.platform;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.orderhub.connector.api.PlatformRequest;
import io.orderhub.connector.sandbox.SandboxBook;
import io.orderhub.connector.sandbox.SandboxOrder;
import io.orderhub.connector.sandbox.SandboxRequest;
import io.orderhub.connector.sandbox.SandboxShipment;
import io.orderhub.connector.sandbox.SandboxShop;
import io.orderhub.ingress.Channel;

/** A small in-memory {@link SandboxBook} for the sandbox tests; details come from the platform's renderDetail. */
public final class InMemoryBook implements SandboxBook {

    private final Map<String, SandboxShop> shops = new HashMap<>();
    private final List<SandboxOrder> orders = new ArrayList<>();
    private final Function<SandboxOrder, byte[]> render;
    private int renewals;
    private final List<SandboxShipment> shipments = new ArrayList<>();
    private String shipFault;

    public InMemoryBook(Function<SandboxOrder, byte[]> render) {
        this.render = render;
    }

    public InMemoryBook shop(SandboxShop shop) {
        shops.put(shop.shopKey(), shop);
        return this;
    }

    public InMemoryBook order(SandboxOrder order) {
        orders.add(order);
        return this;
    }

    public SandboxShop shop(String key) {
        return shops.get(key);
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

    /** Makes ship calls fail with this kind (WRONG_CARRIER_CODE, AUTH_EXPIRED), null for none. */
    public InMemoryBook shipFault(String kind) {
        shipFault = kind;
        return this;
    }

    @Override
    public boolean recordShipment(String shopKey, SandboxShipment shipment) {
        if (shipments.stream().anyMatch(s -> s.platformOrderId().equals(shipment.platformOrderId())
                && s.waybillNo().equals(shipment.waybillNo()))) {
            return false;
        }
        return shipments.add(shipment);
    }

    @Override
    public List<SandboxShipment> shipments(String shopKey, String platformOrderId) {
        return shipments.stream().filter(s -> s.platformOrderId().equals(platformOrderId)).toList();
    }

    @Override
    public Optional<String> shipFault() {
        return Optional.ofNullable(shipFault);
    }

    @Override
    public byte[] detail(SandboxOrder order) {
        return render.apply(order);
    }

    @Override
    public SandboxShop renewToken(SandboxShop shop) {
        renewals++;
        SandboxShop renewed = new SandboxShop(shop.shopKey(), shop.platformShopId(), shop.appKey(), shop.appSecret(),
                "renewed-token-" + renewals, shop.refreshToken() == null ? null : "refresh-" + renewals,
                shop.pushSecret());
        shops.put(shop.shopKey(), renewed);
        return renewed;
    }

    private List<SandboxOrder> between(String shopKey, Instant from, Instant to,
            Function<SandboxOrder, Instant> time) {
        return orders.stream().filter(o -> o.shopKey().equals(shopKey))
                .filter(o -> !time.apply(o).isBefore(from) && !time.apply(o).isAfter(to))
                .sorted(Comparator.comparing(time)).toList();
    }

    /** What the hub's SandboxEndpoint would hand the sandbox for a client request (JSON body, no form). */
    public static SandboxRequest toSandbox(PlatformRequest request) {
        return new SandboxRequest(request.method(), request.path(), request.query(), request.headers(),
                request.contentType(), request.body(), Map.of());
    }

    public static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
