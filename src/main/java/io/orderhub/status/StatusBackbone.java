package io.orderhub.status;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.f4b6a3.uuid.UuidCreator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.alert.AlertStore;
import io.orderhub.order.OrderVersionListener;

/**
 * The status backbone (状态主干): keeps every source's own view of an order and gives one answer.
 * <ul>
 * <li>An event moves its source's view only forward along {@link Lifecycle}; one older than the view is kept as
 * history (STALE) and moves nothing; an illegal move is REFUSED and recorded, never applied.
 * <li>The answer is the view of the most trusted source that has reported ({@code orderhub.status.trust}), and never
 * moves backwards: a more trusted source that is behind leaves the answer where it is (a conflict rule catches it).
 * <li>Conflict rules are checked with every change; one that has held past its grace opens a conflict with its hint
 * and raises a STATUS_CONFLICT alert; the sweep ({@link StatusSweeps}) opens those that come due later.
 * <li>A changed answer or after-sales state is handed to every {@link StatusReaction} in the same transaction.
 * </ul>
 * Platform events are the order versions intake stores ({@link OrderVersionListener}).
 */
@ApplicationScoped
public class StatusBackbone implements OrderVersionListener {

    private static final Logger LOG = Logger.getLogger(StatusBackbone.class);

    /** What one event did. */
    public record Outcome(UUID eventId, String outcome, String reason, UUID hubOrderId, boolean duplicate) {
    }

    /** One source's current view. */
    record SourceView(String kind, String system, String status, String code, String phase, String afterSales,
            String waybillNo, Instant at) {
    }

    /** The answer row. */
    record Answer(String answer, String source, String afterSales, String waybillNo, Instant at) {
    }

    private static final String INSERT_EVENT = """
            INSERT INTO status_event (event_id, hub_order_id, source_kind, system, ref_kind, ref, code, status, phase,
                                      after_sales, waybill_no, event_at, received_at, outcome, reason, note,
                                      dedupe_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), ?, ?, ?, ?)
            ON CONFLICT (dedupe_key) DO NOTHING""";
    private static final String FIND_EVENT = "SELECT event_id, outcome, hub_order_id FROM status_event WHERE dedupe_key = ?";
    private static final String UPDATE_EVENT = """
            UPDATE status_event SET hub_order_id = ?, status = ?, phase = ?, after_sales = ?, outcome = ?, reason = ?
             WHERE event_id = ?""";
    private static final String LOCK_ORDER = "SELECT 1 FROM hub_order WHERE hub_order_id = ? FOR NO KEY UPDATE";
    private static final String VIEWS = """
            SELECT source_kind, system, status, code, phase, after_sales, waybill_no, at
              FROM order_status_source WHERE hub_order_id = ?""";
    private static final String UPSERT_VIEW = """
            INSERT INTO order_status_source (hub_order_id, source_kind, system, status, code, phase, after_sales,
                                             waybill_no, at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, now())
            ON CONFLICT (hub_order_id, source_kind) DO UPDATE SET system = excluded.system, status = excluded.status,
                   code = excluded.code, phase = excluded.phase, after_sales = excluded.after_sales,
                   waybill_no = excluded.waybill_no, at = excluded.at, updated_at = now()""";
    private static final String ANSWER = """
            SELECT answer, answer_source, after_sales, waybill_no, answer_at FROM order_status WHERE hub_order_id = ?""";
    private static final String UPSERT_ANSWER = """
            INSERT INTO order_status (hub_order_id, answer, answer_source, after_sales, waybill_no, answer_at,
                                      conflict_check_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, now())
            ON CONFLICT (hub_order_id) DO UPDATE SET answer = excluded.answer, answer_source = excluded.answer_source,
                   after_sales = excluded.after_sales, waybill_no = excluded.waybill_no,
                   answer_at = excluded.answer_at, conflict_check_at = excluded.conflict_check_at, updated_at = now()""";
    private static final String BY_WAYBILL = "SELECT hub_order_id FROM waybill WHERE waybill_no = ?";
    private static final String BY_PLATFORM_ID = "SELECT hub_order_id FROM hub_order WHERE platform_order_id = ? LIMIT 2";
    private static final String ORDER_EXISTS = "SELECT 1 FROM hub_order WHERE hub_order_id = ?";
    private static final String LATEST_WAYBILL = """
            SELECT w.waybill_no, o.payload ->> 'cp_code'
              FROM waybill w JOIN outbox_command o ON o.command_id = w.command_id
             WHERE w.hub_order_id = ? ORDER BY w.created_at DESC LIMIT 1""";
    private static final String OPEN_CONFLICTS = """
            SELECT conflict_id, rule_id FROM status_conflict WHERE hub_order_id = ? AND resolved_at IS NULL""";
    private static final String OPEN_CONFLICT = """
            INSERT INTO status_conflict (conflict_id, hub_order_id, rule_id, source_a, source_b, detail, hint, since,
                                         raised_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, now())
            ON CONFLICT (hub_order_id, rule_id) WHERE resolved_at IS NULL DO NOTHING""";
    private static final String RESOLVE_CONFLICT = "UPDATE status_conflict SET resolved_at = now() WHERE conflict_id = ?";
    private static final String LINK_ALERT = "UPDATE status_conflict SET alert_id = ? WHERE conflict_id = ?";

    private final StatusSources sources;
    private final List<StatusReaction> reactions;
    private final AlertStore alerts;
    private final MeterRegistry registry;

    public StatusBackbone(StatusSources sources, Instance<StatusReaction> reactions, AlertStore alerts,
            MeterRegistry registry) {
        this.sources = sources;
        this.reactions = reactions.stream().toList();
        this.alerts = alerts;
        this.registry = registry;
    }

    /** One event of {@code kind}/{@code system}, translated by {@code table}, in the caller's transaction. */
    public Outcome record(Connection c, String kind, String system, StatusFormats.Incoming in, SourceTable table)
            throws SQLException {
        String dedupeKey = kind + "|" + system + "|" + in.nodeId();
        UUID eventId = UuidCreator.getTimeOrderedEpoch();
        try (PreparedStatement ps = c.prepareStatement(INSERT_EVENT)) {
            ps.setObject(1, eventId);
            ps.setObject(2, null);
            ps.setString(3, kind);
            ps.setString(4, system);
            ps.setString(5, in.refKind());
            ps.setString(6, in.ref());
            ps.setString(7, in.code());
            ps.setString(8, null);
            ps.setString(9, null);
            ps.setString(10, null);
            ps.setString(11, in.waybillNo());
            ps.setTimestamp(12, Timestamp.from(in.at()));
            ps.setString(13, "PARKED");
            ps.setString(14, "processing");
            ps.setString(15, in.note());
            ps.setString(16, dedupeKey);
            if (ps.executeUpdate() == 0) {
                try (PreparedStatement find = c.prepareStatement(FIND_EVENT)) {
                    find.setString(1, dedupeKey);
                    try (ResultSet rs = find.executeQuery()) {
                        rs.next();
                        count(kind, system, "DUPLICATE");
                        return new Outcome(rs.getObject(1, UUID.class), rs.getString(2), null,
                                rs.getObject(3, UUID.class), true);
                    }
                }
            }
        }
        return settle(c, eventId, kind, system, in, table);
    }

    private static final String PARKED = """
            SELECT event_id, source_kind, system, ref_kind, ref, code, event_at, waybill_no, note
              FROM status_event WHERE outcome = 'PARKED' ORDER BY event_at LIMIT ? FOR UPDATE SKIP LOCKED""";

    /**
     * Tries parked events again — after a code was added to a table, or once the order they name exists — in event
     * time. Returns the outcomes by event.
     */
    public List<Outcome> replayParked(Connection c, int limit) throws SQLException {
        record Parked(UUID id, String kind, String system, StatusFormats.Incoming in) {
        }
        List<Parked> parked = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(PARKED)) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    parked.add(new Parked(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            new StatusFormats.Incoming(rs.getString(4), rs.getString(5), rs.getString(6),
                                    rs.getTimestamp(7).toInstant(), rs.getString(8), rs.getString(9), null)));
                }
            }
        }
        List<Outcome> out = new ArrayList<>();
        for (Parked p : parked) {
            out.add(settle(c, p.id(), p.kind(), p.system(), p.in(), sources.table(p.system())));
        }
        return out;
    }

    /** Translates and applies a stored event (first time, or a replay of a parked one). */
    Outcome settle(Connection c, UUID eventId, String kind, String system, StatusFormats.Incoming in,
            SourceTable table) throws SQLException {
        Optional<SourceTable.Meaning> meaning = table.meaning(in.code());
        if (meaning.isEmpty()) {
            return finish(c, eventId, null, null, "PARKED", "unknown_code: " + system + " code '" + in.code()
                    + "' is not in mappings/status/" + table.system() + ".yaml", kind, system);
        }
        Optional<UUID> order = resolve(c, in.refKind(), in.ref());
        if (order.isEmpty()) {
            return finish(c, eventId, null, meaning.get(), "PARKED",
                    "unknown_order: no order for " + in.refKind() + " " + in.ref(), kind, system);
        }
        Applied applied = apply(c, order.get(), kind, system, in.code(), meaning.get(), in.waybillNo(), in.at());
        return finish(c, eventId, order.get(), meaning.get(), applied.outcome(), applied.reason(), kind, system);
    }

    private Outcome finish(Connection c, UUID eventId, UUID hubOrderId, SourceTable.Meaning meaning, String outcome,
            String reason, String kind, String system) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPDATE_EVENT)) {
            ps.setObject(1, hubOrderId);
            ps.setString(2, meaning == null ? null : meaning.status());
            ps.setString(3, meaning == null ? null : meaning.phase());
            ps.setString(4, meaning == null ? null : meaning.afterSales());
            ps.setString(5, outcome);
            ps.setString(6, reason);
            ps.setObject(7, eventId);
            ps.executeUpdate();
        }
        count(kind, system, outcome);
        return new Outcome(eventId, outcome, reason, hubOrderId, false);
    }

    /** A platform version from intake: the platform's view of the order, as the channel mapping translated it. */
    @Override
    public void onVersion(Connection c, UUID hubOrderId, int version, ObjectNode order, Instant updatedAt,
            boolean applied) throws SQLException {
        String status = order.path("status").asText(null);
        String afterSales = order.path("afterSales").asText("NONE");
        String code = order.path("platformStatus").asText("");
        String channel = order.path("channel").asText();
        String dedupeKey = "platform|" + channel + "|" + hubOrderId + "#" + version;
        UUID eventId = UuidCreator.getTimeOrderedEpoch();
        Applied result = apply(c, hubOrderId, "platform", channel, code,
                new SourceTable.Meaning(status, null, afterSales), null, updatedAt);
        try (PreparedStatement ps = c.prepareStatement(INSERT_EVENT)) {
            ps.setObject(1, eventId);
            ps.setObject(2, hubOrderId);
            ps.setString(3, "platform");
            ps.setString(4, channel);
            ps.setString(5, StatusFormats.HUB_ORDER);
            ps.setString(6, hubOrderId.toString());
            ps.setString(7, code);
            ps.setString(8, status);
            ps.setString(9, null);
            ps.setString(10, afterSales);
            ps.setString(11, null);
            ps.setTimestamp(12, Timestamp.from(updatedAt));
            ps.setString(13, result.outcome());
            ps.setString(14, result.reason());
            ps.setString(15, null);
            ps.setString(16, dedupeKey);
            ps.executeUpdate();
        }
        count("platform", channel, result.outcome());
    }

    private record Applied(String outcome, String reason) {
    }

    private Applied apply(Connection c, UUID hubOrderId, String kind, String system, String code,
            SourceTable.Meaning meaning, String waybillNo, Instant at) throws SQLException {
        Lifecycle lifecycle = sources.lifecycle();
        try (PreparedStatement ps = c.prepareStatement(LOCK_ORDER)) {
            ps.setObject(1, hubOrderId);
            ps.executeQuery().close();
        }
        Map<String, SourceView> views = views(c, hubOrderId);
        SourceView view = views.get(kind);
        if (view != null && at.isBefore(view.at())) {
            return new Applied("STALE", "older than the " + kind + " view of " + view.at() + ": kept as history");
        }
        String previousStatus = view == null ? null : view.status();
        if (meaning.status() != null && !lifecycle.orderMove(previousStatus, meaning.status())) {
            LOG.infof("status event refused for %s: %s %s → %s", hubOrderId, kind, previousStatus, meaning.status());
            return new Applied("REFUSED", "illegal transition " + previousStatus + " → " + meaning.status() + " ("
                    + kind + "/" + system + " code " + code + ")");
        }
        String previousAfterSales = view == null ? null : view.afterSales();
        String afterSales = meaning.afterSales() != null ? meaning.afterSales() : previousAfterSales;
        String note = null;
        if (meaning.afterSales() != null && !lifecycle.afterSalesMove(previousAfterSales, meaning.afterSales())) {
            String illegal = "illegal after-sales transition " + previousAfterSales + " → " + meaning.afterSales()
                    + " (" + kind + "/" + system + " code " + code + ")";
            if (meaning.status() == null) {
                return new Applied("REFUSED", illegal);
            }
            // the status part is sound: it applies, the after-sales part is refused and said so
            afterSales = previousAfterSales;
            note = illegal + " refused; the status applied";
        }
        SourceView next = new SourceView(kind, system, meaning.status() != null ? meaning.status() : previousStatus,
                code, meaning.phase(), afterSales,
                waybillNo != null ? waybillNo : view == null ? null : view.waybillNo(), at);
        try (PreparedStatement ps = c.prepareStatement(UPSERT_VIEW)) {
            ps.setObject(1, hubOrderId);
            ps.setString(2, kind);
            ps.setString(3, system);
            ps.setString(4, next.status());
            ps.setString(5, code);
            ps.setString(6, next.phase());
            ps.setString(7, next.afterSales());
            ps.setString(8, next.waybillNo());
            ps.setTimestamp(9, Timestamp.from(at));
            ps.executeUpdate();
        }
        views.put(kind, next);
        answer(c, hubOrderId, kind, system, next, views, lifecycle);
        return new Applied("APPLIED", note);
    }

    /** Recomputes the answer from the views; hands a change to the reactions; checks the conflict rules. */
    private void answer(Connection c, UUID hubOrderId, String kind, String system, SourceView changed,
            Map<String, SourceView> views, Lifecycle lifecycle) throws SQLException {
        Optional<Answer> current = currentAnswer(c, hubOrderId);
        SourceView trusted = null;
        for (String k : sources.config().trust()) {
            SourceView v = views.get(k);
            if (v != null && v.status() != null) {
                trusted = v;
                break;
            }
        }
        String answer = current.map(Answer::answer).orElse(null);
        String answerSource = current.map(Answer::source).orElse(kind);
        Instant answerAt = current.map(Answer::at).orElse(changed.at());
        if (trusted != null) {
            if (answer == null || (!trusted.status().equals(answer) && lifecycle.orderMove(answer, trusted.status()))
                    || (trusted.status().equals(answer) && !trusted.kind().equals(answerSource))) {
                answer = trusted.status();
                answerSource = trusted.kind();
                answerAt = trusted.at();
            } else if (trusted.status().equals(answer)) {
                answerAt = trusted.at();
            }
        }
        if (answer == null) {
            return; // an after-sales-only or phase-only event on an order no source has given a status yet
        }
        String afterSales = current.map(Answer::afterSales).orElse("NONE");
        if (changed.afterSales() != null && !changed.afterSales().equals(afterSales)
                && lifecycle.afterSalesMove(afterSales, changed.afterSales())) {
            afterSales = changed.afterSales();
        }
        String waybillNo = changed.waybillNo() != null
                ? changed.waybillNo()
                : current.map(Answer::waybillNo).orElse(null);
        Instant checkAt = conflicts(c, hubOrderId, views);
        try (PreparedStatement ps = c.prepareStatement(UPSERT_ANSWER)) {
            ps.setObject(1, hubOrderId);
            ps.setString(2, answer);
            ps.setString(3, answerSource);
            ps.setString(4, afterSales);
            ps.setString(5, waybillNo);
            ps.setTimestamp(6, Timestamp.from(answerAt));
            ps.setTimestamp(7, checkAt == null ? null : Timestamp.from(checkAt));
            ps.executeUpdate();
        }
        String previousAnswer = current.map(Answer::answer).orElse(null);
        String previousAfterSales = current.map(Answer::afterSales).orElse("NONE");
        if (!answer.equals(previousAnswer) || !afterSales.equals(previousAfterSales)) {
            String carrierCode = null;
            // the waybill matters from shipment on (write-back, interception); a new paid order skips the lookup
            boolean shipped = lifecycle.rank(answer) >= lifecycle.rank("SHIPPED") || !"NONE".equals(afterSales);
            if (shipped) {
                try (PreparedStatement ps = c.prepareStatement(LATEST_WAYBILL)) {
                    ps.setObject(1, hubOrderId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            waybillNo = waybillNo != null ? waybillNo : rs.getString(1);
                            carrierCode = rs.getString(2);
                        }
                    }
                }
            }
            StatusChange change = new StatusChange(hubOrderId, previousAnswer, answer, answerSource,
                    previousAfterSales, afterSales, kind, system, waybillNo, carrierCode, changed.at());
            for (StatusReaction r : reactions) {
                r.onChange(c, change);
            }
        }
    }

    /**
     * Opens the conflicts whose rule has held past its grace, resolves those whose rule no longer holds; returns when
     * the next pending one comes due (for the sweep), or null.
     */
    Instant conflicts(Connection c, UUID hubOrderId, Map<String, SourceView> views) throws SQLException {
        Map<String, ConflictRules.View> byKind = new HashMap<>();
        views.forEach((k, v) -> byKind.put(k, new ConflictRules.View(v.status(), v.at())));
        List<ConflictRules.Match> matches = sources.conflicts().matches(byKind);
        Map<String, UUID> open = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(OPEN_CONFLICTS)) {
            ps.setObject(1, hubOrderId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    open.put(rs.getString(2), rs.getObject(1, UUID.class));
                }
            }
        }
        Instant now = Instant.now();
        Instant next = null;
        List<String> holding = new ArrayList<>();
        for (ConflictRules.Match m : matches) {
            holding.add(m.rule().id());
            if (open.containsKey(m.rule().id())) {
                continue;
            }
            if (m.due().isAfter(now)) {
                next = next == null || m.due().isBefore(next) ? m.due() : next;
                continue;
            }
            UUID conflictId = UuidCreator.getTimeOrderedEpoch();
            try (PreparedStatement ps = c.prepareStatement(OPEN_CONFLICT)) {
                ps.setObject(1, conflictId);
                ps.setObject(2, hubOrderId);
                ps.setString(3, m.rule().id());
                ps.setString(4, m.rule().a());
                ps.setString(5, m.rule().b());
                ps.setString(6, m.detail());
                ps.setString(7, m.hint());
                ps.setTimestamp(8, Timestamp.from(m.since()));
                if (ps.executeUpdate() == 0) {
                    continue;
                }
            }
            Map<String, Object> detail = new java.util.LinkedHashMap<>();
            detail.put("hubOrderId", hubOrderId.toString());
            detail.put("rule", m.rule().id());
            detail.put("between", List.of(m.rule().a(), m.rule().b()));
            detail.put("detail", m.detail());
            detail.put("hint", m.hint());
            detail.put("audience", "customer-service");
            UUID alertId = alerts.raise(c, "STATUS_CONFLICT", "status-conflict:" + hubOrderId + ":" + m.rule().id(),
                    "warning", "order " + hubOrderId + ": " + m.detail(), detail);
            try (PreparedStatement ps = c.prepareStatement(LINK_ALERT)) {
                ps.setObject(1, alertId);
                ps.setObject(2, conflictId);
                ps.executeUpdate();
            }
            registry.counter("orderhub.status.conflicts", "rule", m.rule().id()).increment();
        }
        for (Map.Entry<String, UUID> e : open.entrySet()) {
            if (!holding.contains(e.getKey())) {
                try (PreparedStatement ps = c.prepareStatement(RESOLVE_CONFLICT)) {
                    ps.setObject(1, e.getValue());
                    ps.executeUpdate();
                }
            }
        }
        return next;
    }

    /** Re-checks one order's conflict rules (the sweep, once a grace period has passed). */
    public void recheck(Connection c, UUID hubOrderId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LOCK_ORDER)) {
            ps.setObject(1, hubOrderId);
            ps.executeQuery().close();
        }
        Instant next = conflicts(c, hubOrderId, views(c, hubOrderId));
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE order_status SET conflict_check_at = ? WHERE hub_order_id = ?")) {
            ps.setTimestamp(1, next == null ? null : Timestamp.from(next));
            ps.setObject(2, hubOrderId);
            ps.executeUpdate();
        }
    }

    Map<String, SourceView> views(Connection c, UUID hubOrderId) throws SQLException {
        Map<String, SourceView> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(VIEWS)) {
            ps.setObject(1, hubOrderId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new SourceView(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getTimestamp(8).toInstant()));
                }
            }
        }
        return out;
    }

    private static Optional<Answer> currentAnswer(Connection c, UUID hubOrderId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ANSWER)) {
            ps.setObject(1, hubOrderId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Answer(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()));
            }
        }
    }

    /** The order an event names: by waybill, by the WMS outbound code (it starts with the hub id), by id. */
    Optional<UUID> resolve(Connection c, String refKind, String ref) throws SQLException {
        switch (refKind) {
            case StatusFormats.WAYBILL :
                return one(c, BY_WAYBILL, ref);
            case StatusFormats.ORDER_CODE :
                // deliveryOrderCode = the hub order id without dashes, then the command (mappings/downstream/wms)
                if (ref.length() >= 32 && ref.substring(0, 32).matches("[0-9a-fA-F]{32}")) {
                    String hex = ref.substring(0, 32);
                    Optional<UUID> byCode = existing(c, UUID.fromString(hex.replaceFirst(
                            "(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5")));
                    if (byCode.isPresent()) {
                        return byCode;
                    }
                }
                // a WMS that keeps the order's own id as its code: read as an order id
                return resolve(c, StatusFormats.ORDER_ID, ref);
            case StatusFormats.HUB_ORDER :
            case StatusFormats.ORDER_ID :
                try {
                    return existing(c, UUID.fromString(ref));
                } catch (IllegalArgumentException notUuid) {
                    if (StatusFormats.HUB_ORDER.equals(refKind)) {
                        return Optional.empty();
                    }
                }
                // a platform order id: only when it names exactly one order (ids are per channel)
                try (PreparedStatement ps = c.prepareStatement(BY_PLATFORM_ID)) {
                    ps.setString(1, ref);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            return Optional.empty();
                        }
                        UUID id = rs.getObject(1, UUID.class);
                        return rs.next() ? Optional.empty() : Optional.of(id);
                    }
                }
            default :
                return Optional.empty();
        }
    }

    private static Optional<UUID> existing(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ORDER_EXISTS)) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(id) : Optional.empty();
            }
        }
    }

    private static Optional<UUID> one(Connection c, String sql, String ref) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, ref);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }

    private void count(String kind, String system, String outcome) {
        Counter.builder("orderhub.status.events").description("Status events by source and outcome")
                .tag("kind", kind).tag("system", system).tag("outcome", outcome).register(registry).increment();
    }
}
