package io.orderhub.status;

import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

import io.orderhub.archive.StoreUnavailableException;
import io.orderhub.config.OrderHubConfig;
import io.orderhub.util.Hashing;
import io.orderhub.web.ApiError;
import io.orderhub.web.HttpReplies;

/**
 * {@code POST /api/v1/status/{sourceKind}/{system}}: a status push in its sender's own format, checked (the sender's
 * signature or token), read, translated by the sender's code table and applied — all events of one push in one
 * transaction — before the 202, so an acknowledged event is stored. The answer carries the event ids and what each
 * did, plus the acknowledgement fields the sender expects (Kuaidi100, SF retry otherwise). Unknown codes and orders
 * are parked (202: resending would not help), never guessed.
 */
@ApplicationScoped
@Named("statusIntake")
public class StatusIntake {

    private final StatusSources sources;
    private final StatusBackbone backbone;
    private final DataSource dataSource;
    private final int maxBodyBytes;

    public StatusIntake(StatusSources sources, StatusBackbone backbone, DataSource dataSource,
            OrderHubConfig config) {
        this.sources = sources;
        this.backbone = backbone;
        this.dataSource = dataSource;
        this.maxBodyBytes = config.intake().maxBodyBytes();
    }

    public void receive(Exchange exchange) {
        String kind = exchange.getMessage().getHeader("sourceKind", String.class);
        String system = exchange.getMessage().getHeader("system", String.class);
        if (!StatusSources.KINDS.contains(kind)) {
            throw new ApiError(404, "unknown_source_kind", "source kind must be one of platform, erp, wms, carrier");
        }
        OrderHubConfig.StatusSystem source = sources.system(kind, system).orElseThrow(() -> new ApiError(404,
                "unknown_system", "no " + kind + " status source '" + system + "' is configured"));
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        byte[] body = io.orderhub.web.RequestBodies.bytes(exchange);
        if (body == null || body.length == 0) {
            throw new ApiError(400, "malformed_payload", "empty body");
        }
        if (body.length > maxBodyBytes) {
            throw new ApiError(413, "payload_too_large", "a status push is at most " + maxBodyBytes + " bytes");
        }
        checkContentType(source.format(), contentType);
        authenticate(exchange, source);
        List<StatusFormats.Incoming> events;
        try {
            events = StatusFormats.read(source.format(), contentType, body, source.salt().orElse(null));
        } catch (StatusFormats.BadPush e) {
            throw new ApiError(e.status(), e.error(), e.getMessage());
        }
        SourceTable table;
        try {
            table = sources.table(system);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            // a configuration fault of ours: 5xx, the sender keeps the push and retries
            throw new ApiError(503, "status_table_unavailable",
                    "the code table of " + system + " cannot be read: " + e.getMessage());
        }
        List<StatusBackbone.Outcome> outcomes = store(kind, system, events, table);
        List<Map<String, Object>> each = new ArrayList<>();
        for (StatusBackbone.Outcome o : outcomes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("eventId", o.eventId().toString());
            m.put("outcome", o.outcome());
            m.put("duplicate", o.duplicate());
            m.put("hubOrderId", o.hubOrderId() == null ? null : o.hubOrderId().toString());
            m.put("reason", o.reason());
            each.add(m);
        }
        Map<String, Object> reply = new LinkedHashMap<>(StatusFormats.acknowledgement(source.format()));
        reply.put("eventId", outcomes.isEmpty() ? null : outcomes.get(0).eventId().toString());
        reply.put("events", each);
        HttpReplies.json(exchange, 202, reply);
    }

    private List<StatusBackbone.Outcome> store(String kind, String system, List<StatusFormats.Incoming> events,
            SourceTable table) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<StatusBackbone.Outcome> out = new ArrayList<>();
                // oldest first: a push that carries a whole route (Kuaidi100: newest first) is applied in its order
                List<StatusFormats.Incoming> ordered = new ArrayList<>(events);
                ordered.sort(java.util.Comparator.comparing(StatusFormats.Incoming::at));
                for (StatusFormats.Incoming in : ordered) {
                    out.add(backbone.record(c, kind, system, in, table));
                }
                c.commit();
                return out;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("status event write failed", e);
        }
    }

    private static void checkContentType(String format, String contentType) {
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        boolean ok = switch (format) {
            case "kuaidi100" -> ct.startsWith("application/x-www-form-urlencoded");
            case "sf-route" -> ct.contains("json") || ct.contains("xml")
                    || ct.startsWith("application/x-www-form-urlencoded");
            default -> ct.contains("json");
        };
        if (!ok) {
            throw new ApiError(415, "unsupported_media_type",
                    "content type '" + contentType + "' is not what a " + format + " push sends");
        }
    }

    /** Kuaidi100 signs its pushes (checked while reading); other senders present the system's token. */
    private static void authenticate(Exchange exchange, OrderHubConfig.StatusSystem source) {
        if ("kuaidi100".equals(source.format())) {
            if (source.salt().isEmpty()) {
                throw new ApiError(401, "unauthorized", "no Kuaidi100 salt is configured for this source");
            }
            return;
        }
        if (source.tokenSha256().isEmpty()) {
            throw new ApiError(401, "unauthorized", "no token is configured for this status source");
        }
        String auth = exchange.getMessage().getHeader("Authorization", String.class);
        String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
                ? auth.substring(7).trim()
                : exchange.getMessage().getHeader("token", String.class);
        if (token == null || !Hashing.constantTimeEquals(Hashing.fromHex(source.tokenSha256().get()),
                Hashing.sha256(token))) {
            throw new ApiError(401, "unauthorized", "status source token missing or wrong");
        }
    }
}
