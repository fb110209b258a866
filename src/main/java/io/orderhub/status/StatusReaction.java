package io.orderhub.status;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Something the hub does when an order's answer or after-sales state changes — write the shipment back to the
 * platform, intercept an outbound on a refund... Implementations are CDI beans; the status backbone calls each of
 * them in the transaction that stored the change, so what they plan (outbox commands, rows) commits with it or not
 * at all. They must not call out: they plan, the dispatcher sends.
 */
public interface StatusReaction {

    void onChange(Connection c, StatusChange change) throws SQLException;
}
