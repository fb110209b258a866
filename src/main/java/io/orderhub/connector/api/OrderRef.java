package io.orderhub.connector.api;

import java.time.Instant;

/**
 * One order named by a list call.
 *
 * @param modifiedAt the platform's modification time, null when the list does not carry it
 * @param createdAt the platform's creation time, null when the list does not carry it
 * @param status the platform's own status code, null when not listed
 */
public record OrderRef(String platformOrderId, Instant modifiedAt, Instant createdAt, String status) {
}
