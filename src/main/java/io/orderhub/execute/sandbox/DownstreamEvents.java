package io.orderhub.execute.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.orderhub.web.HttpReplies;

/**
 * Status events from the sandbox systems back to the hub's {@code POST /api/v1/status/{carrier|wms}/{system}}: the
 * carrier's route nodes as 快递100 (Kuaidi100) pushes from {@code kuaidi100}, the WMS's outbound as JSON from
 * {@code sandbox-wms}. Sent through the route {@code sandbox-downstream-status-push}; the hub's HTTP status is reported,
 * whatever it is.
 */
@ApplicationScoped
@Named("downstreamEvents")
public class DownstreamEvents {

    /** The salt of the sandbox's Kuaidi100 subscription (public: it signs sandbox pushes only). */
    public static final String KUAIDI100_SALT = "orderhub-sandbox-kuaidi100-salt";
    /** The sandbox WMS's status token (public: the hub accepts it in the embedded profile only). */
    public static final String WMS_TOKEN = "orderhub-sandbox-wms-token";
    static final String PUSH_ROUTE = "direct:sandbox-downstream-status-push";

    /** A push to the hub: its path below /api/v1/status, content type and body. */
    public record Post(String path, String contentType, String body) {
    }

    /** A push sent, and the hub's answer ({@code hubStatus} -1 when the hub could not be reached). */
    public record Emitted(Post post, int hubStatus, String hubAnswer) {
    }

    private final DownstreamSandbox sandbox;
    private final ProducerTemplate template;
    /** Each waybill's route nodes so far, newest first: a Kuaidi100 push carries the whole history. */
    private final Map<String, List<StatusBodies.Node>> routes = new ConcurrentHashMap<>();

    private final Optional<java.time.Duration> every;

    public DownstreamEvents(DownstreamSandbox sandbox, ProducerTemplate template,
            io.orderhub.config.OrderHubConfig config) {
        this.sandbox = sandbox;
        this.template = template;
        this.every = config.execute().sandboxEventsEvery();
    }

    /** Sends the event of {@code system} ({@code carrier} or {@code wms}) to the hub. */
    public Emitted emit(String system, StatusEvent event) {
        return emit(DownstreamSystem.fromCode(system).orElseThrow(
                () -> new IllegalArgumentException("no sandbox system '" + system + "'")), event);
    }

    public Emitted emit(DownstreamSystem system, StatusEvent event) {
        Post post = post(system, event);
        Exchange result = template.request(PUSH_ROUTE, ex -> {
            ex.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
            ex.getMessage().setHeader(Exchange.HTTP_PATH, post.path());
            ex.getMessage().setHeader(Exchange.CONTENT_TYPE, post.contentType());
            if (post.path().startsWith("/wms/")) {
                ex.getMessage().setHeader("Authorization", "Bearer " + WMS_TOKEN);
            }
            ex.getMessage().setBody(post.body().getBytes(StandardCharsets.UTF_8));
        });
        if (result.getException() != null) {
            return new Emitted(post, -1, result.getException().getMessage());
        }
        Integer status = result.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        return new Emitted(post, status == null ? -1 : status, result.getMessage().getBody(String.class));
    }

    /** The push for an event, without sending it; a carrier event joins its waybill's history. */
    public Post post(DownstreamSystem system, StatusEvent event) {
        if (system == DownstreamSystem.CARRIER && event.kind().carrier()) {
            return carrier(event);
        }
        if (system == DownstreamSystem.WMS && !event.kind().carrier()) {
            return wms(event);
        }
        throw new IllegalArgumentException(system.code() + " does not report " + event.kind());
    }

    private Post carrier(StatusEvent event) {
        String waybill = event.waybillNo();
        Optional<DownstreamRecord> issued = byId(DownstreamSystem.CARRIER, waybill);
        String origin = byAttribute(DownstreamSystem.WMS, "expressCode", waybill)
                .map(e -> e.attributes().get("warehouseCode")).orElse("始发网点");
        StatusBodies.Node node = StatusBodies.node(event.kind(), origin == null ? "始发网点" : origin, event.at());
        List<StatusBodies.Node> history = routes.compute(waybill, (k, old) -> {
            List<StatusBodies.Node> next = new ArrayList<>();
            next.add(node);
            if (old != null) {
                next.addAll(old);
            }
            return List.copyOf(next);
        });
        String com = StatusBodies.com(issued.map(e -> e.attributes().get("cpCode")).orElse(null), waybill);
        String param = json(StatusBodies.kuaidi100Param(waybill, com, event.kind(), history));
        return new Post("/carrier/kuaidi100", "application/x-www-form-urlencoded",
                StatusBodies.form(param, KUAIDI100_SALT));
    }

    private Post wms(StatusEvent event) {
        String waybill = event.waybillNo();
        String orderCode = Optional.ofNullable(event.orderCode()).filter(s -> !s.isBlank())
                .or(() -> byAttribute(DownstreamSystem.WMS, "expressCode", waybill)
                        .map(DownstreamRecord::businessId))
                .or(() -> byId(DownstreamSystem.CARRIER, waybill)
                        .map(e -> e.attributes().getOrDefault("orderId", e.businessId())))
                .orElseThrow(() -> new IllegalArgumentException("no delivery order known for waybill " + waybill));
        Optional<DownstreamRecord> order = sandbox.record(DownstreamSystem.WMS, orderCode);
        // a cancelled delivery order never goes out; one that went out can no longer be cancelled (InterceptSandbox)
        if (order.map(e -> e.attributes().containsKey(InterceptSandbox.CANCELLED_AT)).orElse(false)) {
            throw new IllegalArgumentException("delivery order " + orderCode + " was cancelled");
        }
        order.ifPresent(e -> e.attribute(InterceptSandbox.OUTBOUND_AT, event.at().toString()));
        String warehouse = order.map(e -> e.attributes().get("warehouseCode")).orElse(null);
        return new Post("/wms/sandbox-wms", "application/json",
                json(StatusBodies.wms(orderCode, warehouse, event.at(), waybill)));
    }

    /** The order of a waybill's life as the sandbox plays it on its own. */
    private static final List<StatusEvent.Kind> LIFE = List.of(StatusEvent.Kind.OUTBOUND, StatusEvent.Kind.PICKUP,
            StatusEvent.Kind.IN_TRANSIT, StatusEvent.Kind.DELIVERED);
    /** How far each issued waybill has got in {@link #LIFE}. */
    private final Map<String, Integer> played = new ConcurrentHashMap<>();

    /**
     * The demo loop (timer route {@code sandbox-downstream-auto-events} through {@link #playDemoLoop()}, when
     * {@code orderhub.execute.sandbox-events-every} is set): every waybill the sandbox carrier issued moves one step
     * further once its time has come — outbound from the WMS, then pickup, transit and delivery from the carrier.
     * Returns how many events were sent.
     */
    public int playDemoLoop() {
        return every.map(this::autoEvents).orElse(0);
    }

    public int autoEvents(java.time.Duration every) {
        if (!sandbox.enabled()) {
            return 0;
        }
        java.time.Instant now = java.time.Instant.now();
        int sent = 0;
        for (DownstreamRecord waybill : sandbox.book(DownstreamSystem.CARRIER).entries()) {
            int next = played.getOrDefault(waybill.id(), 0);
            if (next >= LIFE.size() || waybill.createdAt().plus(every.multipliedBy(next + 1)).isAfter(now)) {
                continue;
            }
            StatusEvent.Kind kind = LIFE.get(next);
            played.put(waybill.id(), next + 1);
            try {
                emit(kind.carrier() ? DownstreamSystem.CARRIER : DownstreamSystem.WMS,
                        new StatusEvent(kind, waybill.id(), null, now));
                sent++;
            } catch (IllegalArgumentException e) {
                // no delivery order known for it (a waybill of a test call): its life ends here
                played.put(waybill.id(), LIFE.size());
            }
        }
        return sent;
    }

    /** Forgets the waybills' histories (the control API's reset). */
    public void reset() {
        routes.clear();
        played.clear();
    }

    private Optional<DownstreamRecord> byId(DownstreamSystem system, String id) {
        return sandbox.book(system).entries().stream().filter(e -> e.id().equals(id)).findFirst();
    }

    private Optional<DownstreamRecord> byAttribute(DownstreamSystem system, String name, String value) {
        return value == null
                ? Optional.empty()
                : sandbox.book(system).entries().stream().filter(e -> value.equals(e.attributes().get(name)))
                        .findFirst();
    }

    private static String json(Object body) {
        try {
            return HttpReplies.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
