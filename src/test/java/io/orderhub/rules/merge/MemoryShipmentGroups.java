package io.orderhub.rules.merge;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Shipment groups in memory for unit tests, with the store's window and idempotence semantics. */
final class MemoryShipmentGroups implements ShipmentGroups {

    record Open(String id, String hash, Instant openedAt, List<Member> members) {
    }

    final List<Open> groups = new ArrayList<>();
    final Map<String, Open> byMember = new HashMap<>();

    @Override
    public Group join(String receiverHash, Member member, Instant paidAt, Duration window) {
        Open mine = byMember.get(member.hubOrderId());
        if (mine == null || !mine.hash().equals(receiverHash)) {
            if (mine != null) {
                mine.members().removeIf(m -> m.hubOrderId().equals(member.hubOrderId()));
            }
            mine = groups.stream().filter(g -> g.hash().equals(receiverHash)
                    && !g.openedAt().isBefore(paidAt.minus(window)) && !g.openedAt().isAfter(paidAt)).findFirst()
                    .orElse(null);
            if (mine == null) {
                mine = new Open("g" + (groups.size() + 1), receiverHash, paidAt, new ArrayList<>());
                groups.add(mine);
            }
            mine.members().add(member);
            byMember.put(member.hubOrderId(), mine);
        }
        return new Group(mine.id(), List.copyOf(mine.members()));
    }
}
