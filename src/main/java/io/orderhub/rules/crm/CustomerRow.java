package io.orderhub.rules.crm;

import java.time.Instant;

/**
 * One loaded line of the customer table (JSON object or CSV row): the customer with any of its identities. Raw values
 * live only in this request-scoped record; the store keeps their {@link Identities} hashes.
 */
public record CustomerRow(String customerId, String segment, Integer earlierOrders, String channel, String buyerId,
        String contact, String phone, String virtualNumber, Instant virtualExpiresAt) {
}
