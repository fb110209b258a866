package io.orderhub.writeback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.orderhub.execute.CommandPlanner;
import io.orderhub.status.StatusChange;
import io.orderhub.status.StatusReaction;

/**
 * When an order's answer becomes SHIPPED with a waybill, plans one write-back command per (platform order, waybill):
 * each parcel of the order (table {@code waybill}, one row per shipment of a split) with the sub-orders it holds, and
 * every other platform order fulfilled with it (cross-store merge {@code shipmentGroup}, presale
 * {@code masterOrder}) with its own ids. Keys are {@code hubOrderId:SHIP:version:waybill} per platform order, so the
 * same parcel is planned once whichever order of a group reacts first. The shop is the hub's shop key the order came
 * in under (its receipt), since canonical {@code shopId} is the platform's name for the shop (a seller nick on TOP).
 */
@ApplicationScoped
public class WritebackReaction implements StatusReaction {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TYPE = "SHIP";

    private static final String ORDER = """
            SELECT h.channel, coalesce(r.shop_key, h.shop_id), h.platform_order_id,
                   coalesce(h.order_json->'lines', '[]'::jsonb)::text
              FROM hub_order h LEFT JOIN raw_receipt r ON r.receipt_id = h.receipt_id
             WHERE h.hub_order_id = ?""";
    private static final String PARCELS = """
            SELECT w.waybill_no, w.lines::text,
                   o.payload->'param_waybill_cloud_print_apply_new_request'->>'cp_code'
              FROM waybill w JOIN outbox_command o ON o.command_id = w.command_id
             WHERE w.hub_order_id = ? ORDER BY w.shipment_index, w.waybill_no""";
    private static final String GROUP = """
            SELECT coalesce(facts->'shipmentGroup'->'members', '[]'::jsonb)::text,
                   coalesce(facts->'masterOrder', '{}'::jsonb)::text
              FROM order_evaluation WHERE hub_order_id = ?""";

    private final CommandPlanner planner;
    private final WritebackConfig config;

    public WritebackReaction(CommandPlanner planner, WritebackConfig config) {
        this.planner = planner;
        this.config = config;
    }

    @Override
    public void onChange(Connection c, StatusChange change) throws SQLException {
        if (config.enabled() && change.answerChanged() && "SHIPPED".equals(change.answer())
                && change.waybillNo() != null && !change.waybillNo().isBlank()) {
            plan(c, change.hubOrderId(), change.waybillNo(), change.carrierCode());
        }
    }

    /** Plans the order's write-backs (and its group's); returns how many commands were new. */
    int plan(Connection c, UUID hubOrderId, String waybillNo, String carrierCode) throws SQLException {
        Optional<ShipTarget> self = target(c, hubOrderId);
        if (self.isEmpty()) {
            return 0;
        }
        List<Parcel> parcels = parcels(c, hubOrderId);
        if (parcels.stream().noneMatch(p -> p.waybillNo().equals(waybillNo))) {
            // the carrier's event names a waybill the hub did not issue (the WMS chose the carrier): the whole order
            parcels.add(new Parcel(waybillNo, carrierCode, List.of()));
        }
        List<ShipTarget> others = new ArrayList<>();
        for (UUID member : groupOf(c, hubOrderId)) {
            target(c, member).ifPresent(others::add);
        }
        int n = 0;
        for (Parcel p : parcels) {
            String carrier = p.carrierCode() != null ? p.carrierCode() : carrierCode;
            n += plan(c, self.get(), p.lineIds(), p.waybillNo(), carrier, p.waybillNo());
            for (ShipTarget other : others) {
                n += plan(c, other, List.of(), p.waybillNo(), carrier, p.waybillNo());
            }
        }
        return n;
    }

    private int plan(Connection c, ShipTarget t, List<String> lineIds, String waybillNo, String carrier,
            String keyPart) throws SQLException {
        return planner.planReaction(c, t.hubOrderId(), config.system(), TYPE, keyPart,
                t.extra(lineIds, waybillNo, carrier, "SHIPPED"));
    }

    private record Parcel(String waybillNo, String carrierCode, List<String> lineIds) {
    }

    static Optional<ShipTarget> target(Connection c, UUID hubOrderId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ORDER)) {
            ps.setObject(1, hubOrderId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<String> lines = new ArrayList<>();
                for (JsonNode l : read(rs.getString(4))) {
                    lines.add(l.path("lineId").asText());
                }
                return Optional.of(new ShipTarget(hubOrderId, rs.getString(1), rs.getString(2), rs.getString(3),
                        lines));
            }
        }
    }

    private static List<Parcel> parcels(Connection c, UUID hubOrderId) throws SQLException {
        List<Parcel> parcels = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(PARCELS)) {
            ps.setObject(1, hubOrderId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    parcels.add(
                            new Parcel(rs.getString(1), rs.getString(3), ShipTarget.lineIdsOf(read(rs.getString(2)))));
                }
            }
        }
        return parcels;
    }

    /** The other hub orders shipped with this one: its merge group's members and its presale phases. */
    private static Set<UUID> groupOf(Connection c, UUID hubOrderId) throws SQLException {
        Set<UUID> ids = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement(GROUP)) {
            ps.setObject(1, hubOrderId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    read(rs.getString(1)).forEach(m -> add(ids, m.path("hubOrderId").asText("")));
                    JsonNode master = read(rs.getString(2));
                    add(ids, master.path("depositHubOrderId").asText(""));
                    add(ids, master.path("balanceHubOrderId").asText(""));
                }
            }
        }
        ids.remove(hubOrderId);
        return ids;
    }

    private static void add(Set<UUID> ids, String id) {
        try {
            if (!id.isEmpty()) {
                ids.add(UUID.fromString(id));
            }
        } catch (IllegalArgumentException e) {
            // not a hub order id: nothing to write back for it
        }
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json == null ? "null" : json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON unreadable", e);
        }
    }
}
