package io.orderhub.rules.presale;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One part of a presale purchase on its way to the aggregator: the DEPOSIT, the BALANCE, or BOTH (one platform order
 * that carried both phases and has its balance paid). {@code groupId} is {@code channel:shopId:groupKey}; the
 * deadline (UTC ISO) is set on deposits only.
 */
public record PresalePart(String role, String groupId, String groupKey, String hubOrderId, String channel,
        String shopId, String platformOrderId, Long amountFen, String deadline) {

    public static final String DEPOSIT = "DEPOSIT";
    public static final String BALANCE = "BALANCE";
    public static final String BOTH = "BOTH";

    public static String groupId(String channel, String shopId, String groupKey) {
        return channel + ":" + shopId + ":" + groupKey;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", role);
        m.put("groupId", groupId);
        m.put("groupKey", groupKey);
        m.put("hubOrderId", hubOrderId);
        m.put("channel", channel);
        m.put("shopId", shopId);
        m.put("platformOrderId", platformOrderId);
        m.put("amountFen", amountFen);
        m.put("deadline", deadline);
        return m;
    }

    public static PresalePart fromMap(Map<?, ?> m) {
        Object amount = m.get("amountFen");
        return new PresalePart((String) m.get("role"), (String) m.get("groupId"), (String) m.get("groupKey"),
                (String) m.get("hubOrderId"), (String) m.get("channel"), (String) m.get("shopId"),
                (String) m.get("platformOrderId"), amount == null ? null : ((Number) amount).longValue(),
                (String) m.get("deadline"));
    }
}
