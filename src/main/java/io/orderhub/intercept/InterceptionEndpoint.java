package io.orderhub.intercept;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

import io.orderhub.archive.StoreUnavailableException;
import io.orderhub.execute.Outbox;
import io.orderhub.web.ApiError;
import io.orderhub.web.HttpReplies;

/**
 * {@code GET /api/v1/orders/{hubOrderId}/interception}: the order's interception — state, path, the time of each step,
 * what was done — with the interception's own outbox commands (WMS cancel, carrier intercepts, finance reversal) and
 * the WMS and finance commands it discarded or left in place.
 */
@ApplicationScoped
@Named("interceptionApi")
public class InterceptionEndpoint {

    private static final Set<String> SYSTEMS = Set.of(OutboundStop.WMS, OutboundStop.WMS_CANCEL,
            ParcelIntercept.CARRIER_INTERCEPT, ParcelIntercept.FINANCE, ParcelIntercept.FINANCE_REVERSE);

    private final DataSource dataSource;
    private final Interceptions interceptions;
    private final Outbox outbox;

    public InterceptionEndpoint(DataSource dataSource, Interceptions interceptions, Outbox outbox) {
        this.dataSource = dataSource;
        this.interceptions = interceptions;
        this.outbox = outbox;
    }

    public void get(Exchange exchange) {
        String raw = exchange.getMessage().getHeader("hubOrderId", String.class);
        UUID id;
        try {
            id = UUID.fromString(raw);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ApiError(404, "interception_not_found", "no interception for order '" + raw + "'");
        }
        Map<String, Object> view;
        try (Connection c = dataSource.getConnection()) {
            view = interceptions.find(c, id).orElseThrow(
                    () -> new ApiError(404, "interception_not_found", "no interception for order '" + raw + "'"));
        } catch (SQLException e) {
            throw new StoreUnavailableException("interception read failed", e);
        }
        List<Map<String, Object>> commands = new ArrayList<>();
        for (Map<String, Object> cmd : outbox.forOrder(id)) {
            if (SYSTEMS.contains(String.valueOf(cmd.get("system")))) {
                commands.add(cmd);
            }
        }
        view.put("commands", commands);
        HttpReplies.json(exchange, 200, view);
    }
}
