package io.orderhub.writeback;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.config.OrderHubConfig;
import io.orderhub.connector.PlatformGateway;
import io.orderhub.connector.api.PlatformException;
import io.orderhub.connector.api.ShipAck;
import io.orderhub.connector.api.Shipment;
import io.orderhub.execute.Command;
import io.orderhub.execute.CommandTransport;
import io.orderhub.ingress.Channel;
import io.orderhub.ingress.ShopRegistry;

/**
 * Carries a write-back command to the order's platform through {@link PlatformGateway} (the shop's rate limits,
 * signing, one token renewal). The carrier code is translated here ({@link Carriers}), so a fixed table applies to a
 * re-drive. Classes for the failed-command store: WRONG_CARRIER_CODE, AUTH_EXPIRED (renewal did not help),
 * PLATFORM_REJECTED, ORDER_NOT_FOUND, NOT_CONFIGURED are final; RATE_LIMITED and PLATFORM_UNAVAILABLE are retried.
 * "Already shipped" is confirmed: the effect is there.
 */
@ApplicationScoped
public class PlatformTransport implements CommandTransport {

    private final PlatformGateway gateway;
    private final ShopRegistry shops;
    private final Carriers carriers;

    public PlatformTransport(PlatformGateway gateway, ShopRegistry shops, Carriers carriers) {
        this.gateway = gateway;
        this.shops = shops;
        this.carriers = carriers;
    }

    @Override
    public String name() {
        return "platform";
    }

    /** One breaker per platform: Douyin's outage must not hold Taobao's write-backs. */
    @Override
    public String breakerKey(Command command) {
        return command.system() + ":" + WritebackReaction.read(command.payload()).path("channel").asText("");
    }

    @Override
    public Delivery deliver(Command command, OrderHubConfig.DownstreamSystem system) {
        JsonNode p = WritebackReaction.read(command.payload());
        String channel = p.path("channel").asText("");
        Optional<ShopRegistry.Shop> shop = shop(p.path("shopKey").asText(""), channel);
        if (shop.isEmpty() || !gateway.connected(shop.get())) {
            return Delivery.rejected("NOT_CONFIGURED", "no connected shop '" + p.path("shopKey").asText() + "' on "
                    + channel, null);
        }
        String hubCarrier = p.path("carrierCode").asText(null);
        Optional<String> code = carriers.code(hubCarrier, channel);
        if (code.isEmpty()) {
            return Delivery.rejected("WRONG_CARRIER_CODE", "carrier '" + hubCarrier + "' has no " + channel
                    + " code in mappings/carriers.yaml", null);
        }
        List<String> sub = new ArrayList<>();
        p.path("subOrderIds").forEach(id -> sub.add(id.asText()));
        Shipment shipment = new Shipment(p.path("platformOrderId").asText(), sub, p.path("waybillNo").asText(),
                code.get());
        try {
            ShipAck ack = gateway.ship(shop.get(), shipment);
            return Delivery.confirmed(answer(shipment, ack).toString());
        } catch (PlatformException e) {
            return failure(e);
        }
    }

    static Delivery failure(PlatformException e) {
        String error = e.platformCode() + ": " + e.getMessage();
        return switch (e.kind()) {
            case WRONG_CARRIER_CODE -> Delivery.rejected("WRONG_CARRIER_CODE", error, null);
            case AUTH_EXPIRED -> Delivery.rejected("AUTH_EXPIRED", error, null);
            case NOT_FOUND -> Delivery.rejected("ORDER_NOT_FOUND", error, null);
            case PERMANENT -> Delivery.rejected("PLATFORM_REJECTED", error, null);
            case RATE_LIMITED -> Delivery.failed("RATE_LIMITED", error, null);
            case TRANSIENT -> Delivery.failed("PLATFORM_UNAVAILABLE", error, null);
        };
    }

    private static ObjectNode answer(Shipment s, ShipAck ack) {
        ObjectNode a = WritebackReaction.JSON.createObjectNode();
        a.put("platformOrderId", s.platformOrderId());
        a.put("waybillNo", s.waybillNo());
        a.put("platformCarrierCode", s.carrierCode());
        a.put("alreadyShipped", ack.alreadyShipped());
        return a;
    }

    /** The shop by its hub key; canonical orders name the platform's shop id where a channel supplies one. */
    private Optional<ShopRegistry.Shop> shop(String key, String channel) {
        return shops.byKey(key).or(() -> Channel.fromCode(channel).flatMap(ch -> shops.onChannel(ch).stream()
                .filter(s -> s.platformShopId().equals(key)).findFirst()));
    }
}
