package io.orderhub.connector.api;

import java.util.List;
import java.util.Locale;

/**
 * What a ship call's error means for a write-back, where a platform's error table gives no code of its own for the
 * two cases that matter: an order already shipped (the effect is there: acknowledged) and a carrier code the platform
 * does not know (rejected for a person to fix the carrier table, never retried). The platforms answer both as generic
 * parameter / business errors whose message names the case, so the message decides — a heuristic, kept in one place.
 */
public final class ShipErrors {

    static final List<String> SHIPPED = List.of("已发货", "已经发货", "重复发货", "already shipped", "already delivered",
            "already consigned");
    static final List<String> CARRIER = List.of("物流公司", "快递公司", "company_code", "logistics_id", "logicoprid",
            "delivery_id", "express_id", "logistics company");

    private ShipErrors() {
    }

    /** An acknowledgement for "already shipped"; otherwise throws the error, as WRONG_CARRIER_CODE where it is one. */
    public static ShipAck settle(PlatformException e) {
        String text = (e.getMessage() == null ? "" : e.getMessage()).toLowerCase(Locale.ROOT);
        if (e.kind() == PlatformException.Kind.PERMANENT && SHIPPED.stream().anyMatch(text::contains)) {
            return new ShipAck(true, e.platformCode());
        }
        if (e.kind() == PlatformException.Kind.PERMANENT && CARRIER.stream().anyMatch(text::contains)) {
            throw new PlatformException(PlatformException.Kind.WRONG_CARRIER_CODE, e.platformCode(), e.getMessage());
        }
        throw e;
    }
}
