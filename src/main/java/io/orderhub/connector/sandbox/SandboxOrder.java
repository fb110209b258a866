package io.orderhub.connector.sandbox;

import java.time.Instant;

import io.orderhub.ingress.Channel;

/**
 * One order in the sandbox's book.
 *
 * @param variant which template payload it was built from (an index into the platform's template list)
 * @param status the platform's own status code the rendered payload carries
 */
public record SandboxOrder(Channel channel, String shopKey, String platformOrderId, Instant createdAt,
        Instant modifiedAt, String status, int variant) {
}
