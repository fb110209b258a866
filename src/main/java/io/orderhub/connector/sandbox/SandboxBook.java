package io.orderhub.connector.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.orderhub.ingress.Channel;

/** What a sandbox platform answers from: its shops and their orders, and the token it hands out on refresh. */
public interface SandboxBook {

    Optional<SandboxShop> shopByAppKey(Channel channel, String appKey);

    Optional<SandboxShop> shopByAccessToken(Channel channel, String accessToken);

    Optional<SandboxOrder> order(String shopKey, String platformOrderId);

    /** Orders of the shop whose modification time is in [from, to], oldest first. */
    List<SandboxOrder> modifiedBetween(String shopKey, Instant from, Instant to);

    /** Orders of the shop whose creation time is in [from, to], oldest first. */
    List<SandboxOrder> createdBetween(String shopKey, Instant from, Instant to);

    /** The rendered detail response of an order (what {@link SandboxPlatform#renderDetail} made of it). */
    byte[] detail(SandboxOrder order);

    /** Issues a fresh access token for the shop (refresh calls); the old one stops working. */
    SandboxShop renewToken(SandboxShop shop);

    /** Records an accepted ship call (write-back); false when that waybill was already recorded for the order. */
    default boolean recordShipment(String shopKey, SandboxShipment shipment) {
        throw new UnsupportedOperationException("this book takes no shipments");
    }

    /** The ship calls accepted for an order, oldest first. */
    default List<SandboxShipment> shipments(String shopKey, String platformOrderId) {
        return List.of();
    }

    /** The ship-call fault the sandbox was told to answer with ({@code WRONG_CARRIER_CODE}, {@code AUTH_EXPIRED}). */
    default java.util.Optional<String> shipFault() {
        return java.util.Optional.empty();
    }
}
