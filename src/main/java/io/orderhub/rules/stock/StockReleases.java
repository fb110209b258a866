package io.orderhub.rules.stock;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/**
 * Gives reserved stock back, for the layers after validation: on cancel, on a review rejection, and when a HELD
 * order's hold timeout passes (the sweep the route {@code inventory-release-expired} runs).
 */
@ApplicationScoped
@Named("stockReleases")
public class StockReleases {

    /** The causes later layers may give. */
    public static final Set<String> CAUSES = Set.of("CANCELLED", "REJECTED", "TIMEOUT");

    private static final int SWEEP_BATCH = 500;

    private final StockLedger ledger;

    public StockReleases(StockLedger ledger) {
        this.ledger = ledger;
    }

    /**
     * Releases everything the order holds. CANCELLED and REJECTED also close the order: a later re-evaluation
     * reserves nothing for it.
     *
     * @return the released rows (lineId, warehouse, sku, quantity)
     */
    public List<Map<String, Object>> release(String hubOrderId, String cause) {
        if (cause == null || !CAUSES.contains(cause)) {
            throw new IllegalArgumentException("cause must be one of " + CAUSES + ", not " + cause);
        }
        return rows(ledger.withOrder(hubOrderId, tx -> tx.release(cause, Instant.now())));
    }

    /** Releases the reservations of every order still HELD past its hold timeout; answers what was released. */
    public Map<String, Object> releaseExpired() {
        Instant now = Instant.now();
        List<String> released = new ArrayList<>();
        for (String id : ledger.expiredHolds(now, SWEEP_BATCH)) {
            // re-checked under the order's lock: a re-evaluation may have settled it since the query
            boolean done = ledger.withOrder(id, tx -> {
                Instant expires = tx.holdExpiresAt().orElse(null);
                if (expires == null || !expires.isBefore(now)) {
                    return false;
                }
                tx.release("TIMEOUT", now);
                return true;
            });
            if (done) {
                released.add(id);
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("released", released.size());
        answer.put("hubOrderIds", released);
        return answer;
    }

    /** The order left HELD (approved, or READY on re-evaluation): its reservation stays and is no longer swept. */
    public void settled(String hubOrderId) {
        ledger.settled(hubOrderId);
    }

    static List<Map<String, Object>> rows(List<StockLedger.Reserved> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (StockLedger.Reserved r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lineId", r.lineId());
            m.put("sourceLineId", r.sourceLineId());
            m.put("warehouse", r.warehouse());
            m.put("sku", r.sku());
            m.put("quantity", r.quantity());
            out.add(m);
        }
        return out;
    }
}
