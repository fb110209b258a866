package io.orderhub.writeback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.archive.StoreUnavailableException;
import io.orderhub.config.OrderHubConfig;
import io.orderhub.connector.PlatformGateway;
import io.orderhub.connector.api.PlatformException;
import io.orderhub.connector.api.ShippedView;
import io.orderhub.execute.CommandPlanner;
import io.orderhub.ingress.ShopRegistry;

/**
 * The daily proof of the write-back: the platform orders a shop's write-backs reached on a day (platform calendar)
 * are fetched from the platform again (order detail) and compared with what the hub sent; an order the platform does
 * not show as shipped with that waybill gets a new write-back command (key part {@code <waybill>:resend:<day>}). The
 * run's counts and differences are kept in {@code writeback_check}; re-sends are the metric
 * {@code orderhub.writeback.resent}.
 */
@ApplicationScoped
@Named("writebackCheck")
public class WritebackCheck {

    private static final Logger LOG = Logger.getLogger(WritebackCheck.class);

    public record Result(String shopKey, LocalDate day, String state, int checked, int matched, int resent,
            int unchecked, int errors, List<Map<String, Object>> differences) {
    }

    /** One written-back parcel: the last command's payload stands for it. */
    private record Sent(UUID hubOrderId, JsonNode payload) {
    }

    private static final String SENT = """
            SELECT hub_order_id, payload::text FROM outbox_command
             WHERE system = ? AND state = 'SENT' AND payload->>'shopKey' = ? AND sent_at >= ? AND sent_at < ?
             ORDER BY sent_at""";

    private final DataSource dataSource;
    private final ShopRegistry shops;
    private final PlatformGateway gateway;
    private final CommandPlanner planner;
    private final WritebackChecks runs;
    private final WritebackConfig config;
    private final ZoneId zone;
    private final MeterRegistry registry;

    public WritebackCheck(DataSource dataSource, ShopRegistry shops, PlatformGateway gateway, CommandPlanner planner,
            WritebackChecks runs, WritebackConfig config, OrderHubConfig hub, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.shops = shops;
        this.gateway = gateway;
        this.planner = planner;
        this.runs = runs;
        this.config = config;
        this.zone = hub.connector().zone();
        this.registry = registry;
    }

    /** Checks yesterday for every connected shop once its check time has passed (the timer route calls this). */
    public List<Result> runDue() {
        LocalDate yesterday = LocalDate.now(zone).minusDays(1);
        List<Result> results = new ArrayList<>();
        if (!config.enabled() || LocalTime.now(zone).isBefore(config.checkAt())) {
            return results;
        }
        for (ShopRegistry.Shop shop : shops.all()) {
            if (gateway.connected(shop) && !runs.done(shop.key(), yesterday)) {
                results.add(check(shop, yesterday));
            }
        }
        return results;
    }

    public Result check(ShopRegistry.Shop shop, LocalDate day) {
        runs.start(shop.key(), day);
        Map<String, List<Sent>> byOrder = sent(shop.key(), day);
        int matched = 0;
        int unchecked = 0;
        int errors = 0;
        List<Map<String, Object>> differences = new ArrayList<>();
        for (Map.Entry<String, List<Sent>> order : byOrder.entrySet()) {
            Optional<ShippedView> view;
            try {
                view = gateway.shipped(shop, order.getKey());
            } catch (PlatformException e) {
                errors++;
                LOG.warnf("%s: write-back check of %s failed: %s", shop.key(), order.getKey(), e.kind());
                continue;
            }
            if (view.isEmpty()) {
                unchecked++;
                continue;
            }
            List<Sent> missing = order.getValue().stream().filter(s -> !shows(view.get(), s)).toList();
            if (missing.isEmpty()) {
                matched++;
            }
            for (Sent s : missing) {
                differences.add(resend(s, day, view.get()));
            }
        }
        String state = errors > 0 ? "FAILED" : differences.isEmpty() ? "MATCHED" : "RESENT";
        Result result = new Result(shop.key(), day, state, byOrder.size(), matched, differences.size(), unchecked,
                errors, differences);
        runs.finish(result);
        registry.counter("orderhub.writeback.resent", "shop", shop.key()).increment(differences.size());
        return result;
    }

    private static boolean shows(ShippedView view, Sent s) {
        return view.shipped() && view.waybillNos().contains(s.payload().path("waybillNo").asText());
    }

    private Map<String, Object> resend(Sent s, LocalDate day, ShippedView view) {
        String waybill = s.payload().path("waybillNo").asText();
        ObjectNode extra = WritebackReaction.JSON.createObjectNode();
        for (String f : List.of("shopKey", "channel", "platformOrderId", "waybillNo", "carrierCode")) {
            extra.set(f, s.payload().path(f));
        }
        extra.set("subOrderIds", s.payload().path("subOrderIds"));
        extra.put("partial", s.payload().path("partial").asBoolean(false));
        extra.put("reason", "RESEND " + day);
        try (Connection c = dataSource.getConnection()) {
            planner.planReaction(c, s.hubOrderId(), config.system(), WritebackReaction.TYPE,
                    waybill + ":resend:" + day, extra);
        } catch (SQLException e) {
            throw new StoreUnavailableException("write-back re-send not planned", e);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("platformOrderId", s.payload().path("platformOrderId").asText());
        d.put("waybillNo", waybill);
        d.put("platformShows", view.shipped() ? "SHIPPED " + view.waybillNos() : "NOT_SHIPPED");
        return d;
    }

    private Map<String, List<Sent>> sent(String shopKey, LocalDate day) {
        Map<String, List<Sent>> byOrder = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SENT)) {
            ps.setString(1, config.system());
            ps.setString(2, shopKey);
            ps.setObject(3, java.sql.Timestamp.from(day.atStartOfDay(zone).toInstant()));
            ps.setObject(4, java.sql.Timestamp.from(day.plusDays(1).atStartOfDay(zone).toInstant()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    JsonNode payload = WritebackReaction.read(rs.getString(2));
                    List<Sent> parcels = byOrder.computeIfAbsent(payload.path("platformOrderId").asText(),
                            k -> new ArrayList<>());
                    // a parcel re-sent the same day counts once
                    parcels.removeIf(p -> p.payload().path("waybillNo").equals(payload.path("waybillNo")));
                    parcels.add(new Sent(rs.getObject(1, UUID.class), payload));
                }
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("write-back check query failed", e);
        }
        return byOrder;
    }

}
