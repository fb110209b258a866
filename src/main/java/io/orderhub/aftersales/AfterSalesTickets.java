package io.orderhub.aftersales;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.alert.AlertStore;
import io.orderhub.archive.StoreUnavailableException;

/**
 * Opens after-sales tickets scored for urgency and keeps the people's queue (claim, resolve). A P0 ticket raises an
 * {@code AFTERSALES_P0} alert for customer service in the same transaction. The hub never decides a refund or a
 * return from a ticket: people do, elsewhere; the ticket records who and the note.
 */
@ApplicationScoped
public class AfterSalesTickets {

    public static final String P0_ALERT = "AFTERSALES_P0";

    private final DataSource dataSource;
    private final TicketStore store;
    private final UrgencyScorer scorer;
    private final AlertStore alerts;
    private final MeterRegistry registry;

    public AfterSalesTickets(DataSource dataSource, TicketStore store, UrgencyScorer scorer, AlertStore alerts,
            MeterRegistry registry) {
        this.dataSource = dataSource;
        this.store = store;
        this.scorer = scorer;
        this.alerts = alerts;
        this.registry = registry;
    }

    /**
     * Opens a ticket in the caller's transaction; empty when its episode already has one. An order the hub does not
     * know is kept by its channel and platform order id.
     */
    public Optional<Ticket> open(Connection c, TicketStore.OrderRef order, String source, String text,
            String episodeKey) throws SQLException {
        UrgencyScorer.Score score = scorer.score(text);
        Optional<Ticket> ticket = store.insert(c, order, source, text == null ? "" : text, score, episodeKey);
        if (ticket.isPresent()) {
            Counter.builder("orderhub.aftersales.tickets").description("After-sales tickets opened")
                    .tag("urgency", score.urgency()).register(registry).increment();
            if ("P0".equals(score.urgency())) {
                alert(c, ticket.get());
            }
        }
        return ticket;
    }

    /** Opens a ticket in a transaction of its own, for the API. */
    public Ticket open(UUID hubOrderId, String channel, String platformOrderId, String source, String text) {
        return inTransaction(c -> {
            TicketStore.OrderRef order = store.order(c, hubOrderId, channel, platformOrderId)
                    .orElse(new TicketStore.OrderRef(null, channel, platformOrderId));
            if (hubOrderId != null && order.hubOrderId() == null) {
                throw new IllegalArgumentException("no order " + hubOrderId);
            }
            return open(c, order, source, text, null).orElseThrow();
        });
    }

    public List<Ticket> queue(String state, int limit) {
        return inTransaction(c -> store.queue(c, state, limit));
    }

    public Optional<Ticket> get(UUID id) {
        return inTransaction(c -> store.get(c, id));
    }

    public Optional<Ticket> claim(UUID id, String assignee) {
        return inTransaction(c -> store.claim(c, id, assignee));
    }

    public Optional<Ticket> resolve(UUID id, String note, String by) {
        return inTransaction(c -> store.resolve(c, id, note, by));
    }

    private void alert(Connection c, Ticket t) throws SQLException {
        // the buyer's text may hold a phone or an address: the alert names the order and the keywords only
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("ticketId", t.ticketId().toString());
        detail.put("channel", t.channel());
        detail.put("platformOrderId", t.platformOrderId());
        detail.put("hubOrderId", t.hubOrderId() == null ? null : t.hubOrderId().toString());
        detail.put("keywords", String.join(", ", t.matchedKeywords()));
        detail.put("source", t.source());
        alerts.raise(c, P0_ALERT, "aftersales-p0:" + t.ticketId(), "CRITICAL",
                "P0 after-sales ticket on " + t.channel() + " order " + t.platformOrderId(), detail);
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("after-sales ticket store failed", e);
        }
    }
}
