package io.orderhub.connector.api;

import java.util.List;

/**
 * One parcel to tell a platform about: the platform's own order id, the sub-orders (line ids) the parcel holds when it
 * is a part shipment (empty: the whole order), the waybill, and the carrier code <em>as this platform names it</em>
 * (translated from the hub's carrier code by {@code mappings/carriers.yaml} before this is built).
 */
public record Shipment(String platformOrderId, List<String> subOrderIds, String waybillNo, String carrierCode) {

    public Shipment {
        subOrderIds = subOrderIds == null ? List.of() : List.copyOf(subOrderIds);
    }

    public boolean partial() {
        return !subOrderIds.isEmpty();
    }
}
