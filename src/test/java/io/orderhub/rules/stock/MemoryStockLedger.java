package io.orderhub.rules.stock;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * An in-memory {@link StockLedger} for the rules' unit tests: one lock for everything, and a transaction that puts
 * everything back when the work throws. Never takes a unit that is not available, like the JDBC ledger.
 */
final class MemoryStockLedger implements StockLedger {

    final List<Warehouse> warehouses = new ArrayList<>();
    /** sku → warehouse → {onHand, reserved} */
    private Map<String, Map<String, long[]>> stock = new TreeMap<>();
    private Map<String, List<Reserved>> reservations = new HashMap<>();
    private Map<String, Instant> expiries = new HashMap<>();
    final List<String[]> releases = new ArrayList<>();

    MemoryStockLedger warehouse(String code, String province, boolean within24h) {
        warehouses.add(new Warehouse(code, province, within24h));
        return this;
    }

    MemoryStockLedger stock(String warehouse, String sku, long onHand) {
        stock.computeIfAbsent(sku, s -> new TreeMap<>()).put(warehouse, new long[]{onHand, 0});
        return this;
    }

    synchronized long reserved(String warehouse, String sku) {
        return stock.get(sku).get(warehouse)[1];
    }

    synchronized List<Reserved> reservationOf(String hubOrderId) {
        return List.copyOf(reservations.getOrDefault(hubOrderId, List.of()));
    }

    synchronized Instant expiryOf(String hubOrderId) {
        return expiries.get(hubOrderId);
    }

    @Override
    public List<Warehouse> warehouses() {
        return List.copyOf(warehouses);
    }

    @Override
    public synchronized Map<String, Long> availableTotals(Collection<String> skus) {
        Map<String, Long> totals = new HashMap<>();
        skus.stream().filter(stock::containsKey).forEach(s -> totals.put(s,
                stock.get(s).values().stream().mapToLong(q -> q[0] - q[1]).sum()));
        return totals;
    }

    @Override
    public synchronized <T> T withOrder(String hubOrderId, Function<OrderStock, T> work) {
        Map<String, Map<String, long[]>> stockCopy = new TreeMap<>();
        stock.forEach((s, m) -> {
            Map<String, long[]> c = new TreeMap<>();
            m.forEach((w, q) -> c.put(w, q.clone()));
            stockCopy.put(s, c);
        });
        Map<String, List<Reserved>> resCopy = new HashMap<>(reservations);
        Map<String, Instant> expCopy = new HashMap<>(expiries);
        try {
            return work.apply(new Tx(hubOrderId));
        } catch (RuntimeException e) {
            stock = stockCopy;
            reservations = resCopy;
            expiries = expCopy;
            throw e;
        }
    }

    @Override
    public synchronized List<String> expiredHolds(Instant now, int limit) {
        return expiries.entrySet().stream().filter(e -> e.getValue().isBefore(now)).map(Map.Entry::getKey)
                .limit(limit).toList();
    }

    @Override
    public synchronized void settled(String hubOrderId) {
        expiries.remove(hubOrderId);
    }

    private final class Tx implements OrderStock {

        private final String id;

        Tx(String id) {
            this.id = id;
        }

        @Override
        public List<Reserved> reservation() {
            return List.copyOf(reservations.getOrDefault(id, List.of()));
        }

        @Override
        public Optional<Instant> holdExpiresAt() {
            return Optional.ofNullable(expiries.get(id));
        }

        @Override
        public Optional<String> closedBy() {
            return releases.stream().filter(r -> r[0].equals(id))
                    .filter(r -> r[1].equals("CANCELLED") || r[1].equals("REJECTED")).map(r -> r[1]).findFirst();
        }

        @Override
        public Map<String, Map<String, Long>> lockAvailable(Collection<String> skus) {
            Map<String, Map<String, Long>> available = new TreeMap<>();
            skus.stream().filter(stock::containsKey).forEach(s -> stock.get(s).forEach(
                    (w, q) -> available.computeIfAbsent(w, k -> new TreeMap<>()).put(s, q[0] - q[1])));
            reservation().forEach(r -> available.computeIfAbsent(r.warehouse(), k -> new TreeMap<>())
                    .merge(r.sku(), r.quantity(), Long::sum));
            return available;
        }

        @Override
        public void replace(List<Reserved> rows, Instant holdExpiresAt, Instant now) {
            reservation().forEach(r -> stock.get(r.sku()).get(r.warehouse())[1] -= r.quantity());
            for (Reserved r : rows) {
                long[] q = stock.get(r.sku()).get(r.warehouse());
                if (q[0] - q[1] < r.quantity()) {
                    throw new IllegalStateException("not enough " + r.sku() + " at " + r.warehouse());
                }
                q[1] += r.quantity();
            }
            reservations.put(id, List.copyOf(rows));
            if (holdExpiresAt == null || rows.isEmpty()) {
                expiries.remove(id);
            } else {
                expiries.put(id, holdExpiresAt);
            }
        }

        @Override
        public void keep(Instant holdExpiresAt) {
            if (holdExpiresAt == null) {
                expiries.remove(id);
            } else {
                expiries.putIfAbsent(id, holdExpiresAt);
            }
        }

        @Override
        public List<Reserved> release(String cause, Instant now) {
            List<Reserved> held = reservation();
            if (!held.isEmpty() || cause.equals("CANCELLED") || cause.equals("REJECTED")) {
                releases.add(new String[]{id, cause});
            }
            replace(List.of(), null, now);
            return held;
        }
    }
}
