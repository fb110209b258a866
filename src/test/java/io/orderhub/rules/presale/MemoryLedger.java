package io.orderhub.rules.presale;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The presale ledger in memory for unit tests: the real aggregation strategy and completion check over a map instead
 * of the aggregator route.
 */
final class MemoryLedger implements PresaleLedger {

    final Map<String, Map<String, Object>> open = new HashMap<>();
    final Map<String, PresaleMaster> masters = new HashMap<>();
    final Set<String> flagged = new HashSet<>();
    int submits;
    int alerts;

    @Override
    public Optional<PresaleMaster> master(String groupId) {
        return Optional.ofNullable(masters.get(groupId));
    }

    @Override
    public void submit(PresalePart part) {
        submits++;
        Map<String, Object> group = PresaleParts.merge(open.get(part.groupId()), part);
        if (PresaleParts.isComplete(group)) {
            open.remove(part.groupId());
            masters.put(part.groupId(), PresaleParts.master(group));
        } else {
            open.put(part.groupId(), group);
        }
    }

    @Override
    public boolean flagBalanceMissing(PresalePart deposit) {
        if (flagged.add(deposit.groupId())) {
            alerts++;
            return true;
        }
        return false;
    }
}
