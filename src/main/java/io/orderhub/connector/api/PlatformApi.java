package io.orderhub.connector.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import io.orderhub.ingress.Channel;

/**
 * One platform's open API as the connectors use it. Implementations are pure: they build signed requests and read
 * responses, and never do I/O themselves. The connector core sends the requests through camel-http with the shop's
 * timeouts and rate limits, which keeps every platform's signing and parsing testable without a network.
 */
public interface PlatformApi {

    /** The channels this API serves (Taobao and Tmall share the TOP API). */
    Set<Channel> channels();

    /** Where the platform's production API lives, per base; a shop's configuration may override both. */
    String defaultBaseUrl(PlatformRequest.Base base);

    /** How the list calls page: numbered pages (read last page first) or an opaque cursor (read forwards). */
    Paging paging();

    /** The longest window one list call accepts (Pinduoduo's increment API: 30 minutes; most others a day). */
    Duration maxWindow();

    /** The largest page size the list calls accept. */
    int maxPageSize();

    /** The order-detail call for one platform order id (the shop order / trade id the mapping files key on). */
    PlatformRequest orderDetail(ShopAccess shop, String platformOrderId, Instant now);

    /**
     * Reads an order-detail response. The returned body is the response's bytes exactly as received: it goes into
     * the raw archive and through the channel's mapping file unchanged.
     *
     * @throws PlatformException the platform answered with an error (classified), or the order does not exist
     */
    FetchedOrder readOrderDetail(PlatformResponse response);

    /** One page of the orders modified in [from, to] (the incremental call used for polling). */
    PlatformRequest listModified(ShopAccess shop, Instant from, Instant to, PageRequest page, Instant now);

    /** One page of the orders created in [from, to] (used by the nightly reconciliation). */
    PlatformRequest listCreated(ShopAccess shop, Instant from, Instant to, PageRequest page, Instant now);

    /** Reads a page answered to {@link #listModified} or {@link #listCreated}. */
    OrderPage readPage(PlatformResponse response);

    /** The call that renews the shop's access token with its refresh token (or app secret, where that is the way). */
    PlatformRequest refreshToken(ShopAccess shop, Instant now);

    TokenGrant readToken(PlatformResponse response, Instant now);

    /**
     * The ship (write-back) call for one parcel: the waybill and carrier for the whole order, or for the sub-orders
     * the shipment names. Platforms without a write-back client refuse it as PERMANENT.
     */
    default PlatformRequest ship(ShopAccess shop, Shipment shipment, Instant now) {
        throw new PlatformException(PlatformException.Kind.PERMANENT, "no-writeback",
                "no ship call for " + channels());
    }

    /**
     * Reads the ship call's answer. "Already shipped" is an acknowledgement ({@link ShipAck#alreadyShipped()});
     * an unknown carrier code is {@link PlatformException.Kind#WRONG_CARRIER_CODE}; the rest as for every call.
     */
    default ShipAck readShip(PlatformResponse response) {
        throw new PlatformException(PlatformException.Kind.PERMANENT, "no-writeback",
                "no ship call for " + channels());
    }

    /** What an order-detail answer shows about shipping, for the daily write-back check; empty when not readable. */
    default Optional<ShippedView> readShipped(FetchedOrder order) {
        return Optional.empty();
    }

    enum Paging {
        NUMBERED, CURSOR
    }
}
