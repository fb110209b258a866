package io.orderhub.rules.stock;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Stock and reservations as the inventory rules see them. All changes of one order's reservation happen inside
 * {@link #withOrder}: one transaction, serialised per order, in which the stock rows of the SKUs involved are locked.
 */
public interface StockLedger {

    /** A warehouse the hub may reserve from. */
    record Warehouse(String code, String province, boolean shipsWithin24h) {
    }

    /** One reserved quantity: an allocated line (kit component or order line) in one warehouse. */
    record Reserved(String lineId, String sourceLineId, String warehouse, String sku, long quantity) {
    }

    /** One order's reservation inside its transaction. */
    interface OrderStock {

        /** What the order holds now. */
        List<Reserved> reservation();

        /** The earliest hold expiry of the reservation, if the order was HELD when it reserved. */
        Optional<Instant> holdExpiresAt();

        /** CANCELLED or REJECTED when the order was released for good: it reserves nothing any more. */
        Optional<String> closedBy();

        /**
         * Locks the stock rows of these SKUs (in sku, warehouse order) until the transaction ends and answers
         * warehouse → sku → available (on hand − reserved), counting this order's own reservation as available.
         */
        Map<String, Map<String, Long>> lockAvailable(Collection<String> skus);

        /** Replaces the order's reservation by {@code rows}; never takes a unit that is not available. */
        void replace(List<Reserved> rows, Instant holdExpiresAt, Instant now);

        /** Keeps the reservation; a hold expiry already running is not extended, none clears it. */
        void keep(Instant holdExpiresAt);

        /** Gives back everything the order holds and records why. */
        List<Reserved> release(String cause, Instant now);
    }

    List<Warehouse> warehouses();

    /** SKU → units available over all warehouses (absent: no stock row). */
    Map<String, Long> availableTotals(Collection<String> skus);

    /** Runs {@code work} in the order's transaction; anything it throws rolls the whole of it back. */
    <T> T withOrder(String hubOrderId, Function<OrderStock, T> work);

    /** Orders holding stock whose hold expiry has passed. */
    List<String> expiredHolds(Instant now, int limit);

    /** Clears the hold expiry (the order left HELD): its reservation is no longer swept. */
    void settled(String hubOrderId);
}
