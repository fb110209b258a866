package io.orderhub.writeback;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One platform order as the write-back needs it: the shop and ids it came with, and its lines' platform sub-order ids.
 * Decides which sub-orders a parcel holds: none named when the parcel holds the whole order (or when the platform gave
 * the lines no ids of their own — the hub then synthesized {@code <platformOrderId>-<n>}, which no platform knows).
 */
record ShipTarget(UUID hubOrderId, String channel, String shopKey, String platformOrderId, List<String> lineIds) {

    /** The extra a write-back command carries for one parcel of this order. */
    ObjectNode extra(List<String> parcelLineIds, String waybillNo, String carrierCode, String reason) {
        Set<String> parcel = new LinkedHashSet<>(parcelLineIds);
        boolean whole = parcel.isEmpty() || parcel.containsAll(lineIds);
        List<String> sub = new ArrayList<>();
        if (!whole) {
            parcel.stream().filter(lineIds::contains).filter(id -> !synthesized(id)).forEach(sub::add);
        }
        ObjectNode extra = WritebackReaction.JSON.createObjectNode();
        extra.put("shopKey", shopKey);
        extra.put("channel", channel);
        extra.put("platformOrderId", platformOrderId);
        sub.forEach(extra.putArray("subOrderIds")::add);
        extra.put("partial", !whole);
        extra.put("waybillNo", waybillNo);
        extra.put("carrierCode", carrierCode);
        extra.put("reason", reason);
        return extra;
    }

    boolean synthesized(String lineId) {
        return lineId.matches(java.util.regex.Pattern.quote(platformOrderId) + "-[0-9]+");
    }

    /** The platform sub-order ids of a shipment's lines (a kit component names the line it was split from). */
    static List<String> lineIdsOf(JsonNode lines) {
        List<String> ids = new ArrayList<>();
        for (JsonNode l : lines) {
            String id = l.hasNonNull("sourceLineId") ? l.get("sourceLineId").asText() : l.path("lineId").asText("");
            if (!id.isEmpty() && !ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }
}
