package io.orderhub.connector.api;

import java.time.Instant;

/**
 * A full order as the detail call returned it.
 *
 * @param body the response bytes exactly as received (archived and mapped unchanged)
 * @param modifiedAt the platform's modification time read from the order, null when absent
 */
public record FetchedOrder(String platformOrderId, String contentType, byte[] body, Instant modifiedAt) {
}
