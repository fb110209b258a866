package io.orderhub.connector.api;

/**
 * The platform took the shipment. {@code alreadyShipped}: it answered that the order (or sub-order) was already
 * shipped, which for a write-back means the effect is there — a retry after a lost answer lands here.
 */
public record ShipAck(boolean alreadyShipped, String platformCode) {
}
