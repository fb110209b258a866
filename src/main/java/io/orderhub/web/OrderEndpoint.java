package io.orderhub.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.ingress.Channel;
import io.orderhub.order.OrderRepository;
import io.orderhub.order.OrderRepository.OrderView;

/** {@code GET /api/v1/orders/{hubOrderId}} and {@code GET /api/v1/orders?channel=&platformOrderId=}. */
@ApplicationScoped
@Named("orders")
public class OrderEndpoint {

    private final OrderRepository orders;

    private final io.orderhub.rules.OrderEvaluations evaluations;

    private final io.orderhub.status.StatusViews statusViews;

    public OrderEndpoint(OrderRepository orders, io.orderhub.rules.OrderEvaluations evaluations,
            io.orderhub.status.StatusViews statusViews) {
        this.orders = orders;
        this.evaluations = evaluations;
        this.statusViews = statusViews;
    }

    public void get(Exchange exchange) {
        String id = exchange.getMessage().getHeader("hubOrderId", String.class);
        OrderView view = parse(id).flatMap(orders::find)
                .orElseThrow(() -> new ApiError(404, "order_not_found", "no order '" + id + "'"));
        HttpReplies.json(exchange, 200, render(view));
    }

    public void search(Exchange exchange) {
        String channel = exchange.getMessage().getHeader("channel", String.class);
        String platformOrderId = exchange.getMessage().getHeader("platformOrderId", String.class);
        String q = exchange.getMessage().getHeader("q", String.class);
        if (q != null && channel == null && platformOrderId == null) {
            if (q.isBlank() || q.length() > 200) {
                throw new ApiError(400, "bad_query", "q is an order id, a platform order id, a waybill number, or the"
                        + " receiver's phone last 4 digits with the receiver's name");
            }
            HttpReplies.json(exchange, 200, Map.of("items", orders.search(q).stream().map(this::render).toList()));
            return;
        }
        if (channel == null || platformOrderId == null || platformOrderId.isBlank()) {
            throw new ApiError(400, "missing_parameter", "q, or both channel and platformOrderId, are required");
        }
        if (Channel.fromCode(channel).isEmpty()) {
            throw new ApiError(404, "unknown_channel", "unknown channel '" + channel + "'");
        }
        List<ObjectNode> items = orders.byPlatformOrderId(channel, platformOrderId).stream().map(this::render)
                .toList();
        HttpReplies.json(exchange, 200, Map.of("items", items));
    }

    /** The canonical order plus hubOrderId, version, the status view and the rules' evaluation. */
    private ObjectNode render(OrderView view) {
        ObjectNode out = view.order().deepCopy();
        out.put("hubOrderId", view.hubOrderId().toString());
        out.put("version", view.version());
        out.put("mappingVersion", view.mappingVersion());
        // the status backbone's answer with every source's view, conflicts and history (GET .../status has the same)
        Map<String, Object> statusView = statusViews.view(view.hubOrderId()).orElse(Map.of());
        out.set("statusView", HttpReplies.mapper().valueToTree(statusView));
        out.set("versions", HttpReplies.mapper().valueToTree(view.history()));
        // what the rules made of it: READY / HELD with reasons, tags, facts, and each rule's decision (audit)
        out.set("evaluation", HttpReplies.mapper().valueToTree(evaluations.view(view.hubOrderId()).orElse(null)));
        return out;
    }

    private static java.util.Optional<UUID> parse(String id) {
        try {
            return java.util.Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException | NullPointerException e) {
            return java.util.Optional.empty();
        }
    }
}
