package io.orderhub.connector;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.f4b6a3.uuid.UuidCreator;

import io.orderhub.archive.ArchiveResult;
import io.orderhub.archive.ArchiveWriter;
import io.orderhub.archive.RawPayload;
import io.orderhub.connector.api.FetchedOrder;
import io.orderhub.ingress.ShopRegistry;
import io.orderhub.util.Hashing;

/**
 * Puts an order the hub fetched itself into the raw archive, exactly like a pushed one: the response bytes as
 * received, through the same group-commit writer, de-duplicated on (channel, body hash). The archived headers say how
 * it was obtained, so an auditor can tell a fetched order from a pushed one and find the notice that caused it.
 */
@ApplicationScoped
public class FetchedArchive {

    public static final String AUTH_KIND = "platform-api";

    /** How the hub came to fetch the order. */
    public enum Origin {
        FETCH_ON_PUSH, POLL, RECONCILE
    }

    private final ArchiveWriter writer;

    public FetchedArchive(ArchiveWriter writer) {
        this.writer = writer;
    }

    /** Returns once the order is durable; a repeat of identical bytes returns the first receipt. */
    public ArchiveResult archive(ShopRegistry.Shop shop, FetchedOrder order, String operation, Origin origin,
            UUID noticeReceiptId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-orderhub-origin", origin.name());
        headers.put("x-orderhub-operation", operation);
        headers.put("x-orderhub-platform-order-id", order.platformOrderId());
        if (noticeReceiptId != null) {
            headers.put("x-orderhub-notice-receipt", noticeReceiptId.toString());
        }
        String contentType = order.contentType() == null ? "application/json" : order.contentType();
        return writer.append(new RawPayload(UuidCreator.getTimeOrderedEpoch(), shop.channel().code(), shop.key(),
                Instant.now(), contentType, headers, order.body(), Hashing.sha256(order.body()), AUTH_KIND));
    }
}
