package io.orderhub.rules.merge;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The open shipment groups of the cross-store merge, keyed by receiver hash. */
public interface ShipmentGroups {

    /** One order in a group, with its own ids for its own platform status write-back. */
    record Member(String hubOrderId, String channel, String shopId, String platformOrderId) {

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("hubOrderId", hubOrderId);
            m.put("channel", channel);
            m.put("shopId", shopId);
            m.put("platformOrderId", platformOrderId);
            return m;
        }
    }

    record Group(String groupId, List<Member> members) {
    }

    /**
     * Puts the order into the group of its receiver whose first order was paid within {@code window} of {@code paidAt}
     * (a new group when there is none) and returns the group with its members so far. Idempotent per hub order id: a
     * member already in a group of the same receiver stays there.
     */
    Group join(String receiverHash, Member member, Instant paidAt, Duration window);
}
