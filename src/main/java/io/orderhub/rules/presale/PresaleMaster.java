package io.orderhub.rules.presale;

import java.util.LinkedHashMap;
import java.util.Map;

/** A completed presale purchase: the deposit and balance orders fulfilled as one master order. */
public record PresaleMaster(String groupId, String groupKey, String channel, String shopId, String depositHubOrderId,
        String depositPlatformOrderId, String balanceHubOrderId, String balancePlatformOrderId) {

    /** One platform order carried both phases. */
    public boolean singleOrder() {
        return depositHubOrderId.equals(balanceHubOrderId);
    }

    static PresaleMaster of(PresalePart deposit, PresalePart balance) {
        return new PresaleMaster(balance.groupId(), balance.groupKey(), balance.channel(), balance.shopId(),
                deposit.hubOrderId(), deposit.platformOrderId(), balance.hubOrderId(), balance.platformOrderId());
    }

    /** The {@code masterOrder} fact. */
    public Map<String, Object> toFact() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("groupKey", groupKey);
        m.put("channel", channel);
        m.put("shopId", shopId);
        m.put("depositHubOrderId", depositHubOrderId);
        m.put("depositPlatformOrderId", depositPlatformOrderId);
        m.put("balanceHubOrderId", balanceHubOrderId);
        m.put("balancePlatformOrderId", balancePlatformOrderId);
        return m;
    }
}
