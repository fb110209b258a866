package io.orderhub.connector.sandbox;

import java.time.Instant;
import java.util.List;

/**
 * A ship call a sandbox platform accepted: which order (and sub-orders, empty for the whole order), the waybill and
 * the carrier code as the platform names it.
 */
public record SandboxShipment(String platformOrderId, List<String> subOrderIds, String waybillNo, String carrierCode,
        Instant at) {
}
