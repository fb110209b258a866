package io.orderhub.connector.platform.pdd;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.connector.sandbox.SandboxOrder;

/**
 * Renders pdd.order.information.get responses from the sourced OrderInfo samples in {@code sandbox/pdd/} (see its
 * SOURCES.md): the order id, the times (shifted together so their gaps stay real) and the status are written in, the
 * rest of the captured order stays as captured. OrderInfo carries no mall id, so there is no shop id to write.
 */
final class PddTemplates {

    static final List<String> FILES = List.of("pdd__order_info_2024_encrypted_jsliteral.json",
            "pdd__order_info_deposit_presale_gift_refunding_BUILT_FROM_FIELD_TABLE.json");
    private static final List<String> SHIFTED = List.of("created_time", "confirm_time", "pay_time", "shipping_time",
            "last_ship_time", "receive_time");
    private static final String CONFIRM = "confirm_status=";

    private final List<JsonNode> templates = FILES.stream().map(PddTemplates::load).toList();

    /** The full detail response ({@code order_info_get_response} envelope) for the order. */
    ObjectNode render(SandboxOrder order) {
        JsonNode template = templates.get(Math.floorMod(order.variant(), templates.size()));
        ObjectNode info = (ObjectNode) (template.has("order_info_get_response")
                ? template.get("order_info_get_response").get("order_info")
                : template).deepCopy();
        Duration shift = Duration.between(PddWire.parseTime(info.get("created_time")), order.createdAt());
        for (String field : SHIFTED) {
            shift(info, field, shift);
        }
        info.put("order_sn", order.platformOrderId());
        info.put("updated_at", PddWire.format(order.modifiedAt()));
        if (order.status().startsWith(CONFIRM)) {
            info.put("confirm_status", Integer.parseInt(order.status().substring(CONFIRM.length())));
        } else {
            info.put("order_status", Integer.parseInt(order.status()));
            info.put("confirm_status", 1);
        }
        ObjectNode root = PddWire.JSON.createObjectNode();
        root.putObject("order_info_get_response").set("order_info", info);
        return root;
    }

    private static void shift(ObjectNode info, String field, Duration by) {
        try {
            Instant at = PddWire.parseTime(info.get(field));
            if (at != null) {
                info.put(field, PddWire.format(at.plus(by)));
            }
        } catch (DateTimeParseException e) {
            // not a full timestamp (PDD sends "" or date-only values for some fields): kept as captured
        }
    }

    private static JsonNode load(String file) {
        try (InputStream in = PddTemplates.class.getResourceAsStream("/sandbox/pdd/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing sandbox template " + file);
            }
            return PddWire.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
