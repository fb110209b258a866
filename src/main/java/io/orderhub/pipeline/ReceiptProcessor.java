package io.orderhub.pipeline;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.orderhub.connector.FetchQueue;
import io.orderhub.connector.PlatformGateway;
import io.orderhub.ingress.ShopRegistry;
import io.orderhub.mapping.MappingRegistry;
import io.orderhub.mapping.MappingResult;
import io.orderhub.order.ApplyOutcome;
import io.orderhub.order.OrderStore;
import io.orderhub.rules.RuleEvaluator;

/**
 * Turns one stored receipt into its outcome: maps the raw payload with the channel's mapping, stores the canonical
 * order version, or parks the receipt with the reason that names the field or rule. Used for first processing and
 * for replays of parked receipts alike; the store makes both exactly once in effect.
 */
@ApplicationScoped
public class ReceiptProcessor {

    /** The state a receipt ended in, or {@link ApplyOutcome#ALREADY_PROCESSED}. */
    public record Outcome(String state, String reason) {
    }

    /** A thin notice whose full order is being fetched (shown as ACCEPTED by the receipts API). */
    public static final String FETCHING = "FETCHING";

    private final ReceiptRepository receipts;
    private final MappingRegistry mappings;
    private final OrderStore orders;
    private final ShopRegistry shops;
    private final PlatformGateway platforms;
    private final FetchQueue fetches;
    private final RuleEvaluator evaluator;

    public ReceiptProcessor(ReceiptRepository receipts, MappingRegistry mappings, OrderStore orders,
            ShopRegistry shops, PlatformGateway platforms, FetchQueue fetches, RuleEvaluator evaluator) {
        this.evaluator = evaluator;
        this.receipts = receipts;
        this.mappings = mappings;
        this.orders = orders;
        this.shops = shops;
        this.platforms = platforms;
        this.fetches = fetches;
    }

    public Outcome process(UUID receiptId) {
        RawReceipt receipt = receipts.load(receiptId)
                .orElseThrow(() -> new IllegalStateException("receipt " + receiptId + " is not in the archive"));
        ShopRegistry.Shop shop = shops.byKey(receipt.shopKey()).orElse(null);
        String shopId = shop == null ? null : shop.platformShopId();
        MappingResult result = mappings.map(receipt.channel(), receipt.body(), receipt.contentType(), shopId);
        if (result instanceof MappingResult.Mapped m) {
            String mapped = m.order().path("channel").asText();
            if (!receipt.channel().equals(mapped)) {
                // a copied mapping file that kept another channel's code would file orders under the wrong channel
                return park(receiptId, "mapping: channel '" + mapped + "' differs from the intake channel '"
                        + receipt.channel() + "'");
            }
            ApplyOutcome applied = orders.apply(receipt, m.order(), m.mappingVersion());
            if ("MAPPED".equals(applied.state())) {
                // the order's current version changed: the rules decide READY or HELD (a failure here leaves it to
                // the rules-recovery sweep; the order itself is stored)
                evaluator.evaluate(applied.hubOrderId());
            }
            return new Outcome(applied.state(), null);
        }
        if (result instanceof MappingResult.Notice n) {
            if (shop != null && platforms.connected(shop)) {
                // the notice waits FETCHING; the fetch worker archives the full order and settles the notice
                return fetches.enqueue(receiptId, receipt.channel(), shop.key(), n.platformOrderId())
                        ? new Outcome(FETCHING, null)
                        : new Outcome(ApplyOutcome.ALREADY_PROCESSED, null);
            }
            return park(receiptId, "thin_notice: platform order " + n.platformOrderId() + " (status "
                    + n.platformStatus() + ") must be fetched through the platform API, and shop "
                    + receipt.shopKey() + " has no API access configured");
        }
        return park(receiptId, ((MappingResult.Failed) result).reason());
    }

    private Outcome park(UUID receiptId, String reason) {
        return orders.park(receiptId, reason)
                ? new Outcome("PARKED", reason)
                : new Outcome(ApplyOutcome.ALREADY_PROCESSED, null);
    }
}
