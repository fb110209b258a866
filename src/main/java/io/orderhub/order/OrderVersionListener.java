package io.orderhub.order;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Told of every order version the order store records, in its transaction: the status backbone takes each platform
 * update as a platform status event ({@code applied} false = a version that arrived after a newer one).
 */
public interface OrderVersionListener {

    void onVersion(Connection c, UUID hubOrderId, int version, ObjectNode order, Instant updatedAt, boolean applied)
            throws SQLException;
}
