package io.orderhub.support;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Real platform orders, re-addressed for a test: the captured fixture with another id, status and time. */
public final class Orders {

    static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS).build();

    private Orders() {
    }

    /** The real Taobao trade with its id, status and modification time set as a platform would in a later push. */
    public static String taobao(long tid, String status, String modified) throws Exception {
        return taobao(tid, status, modified, null);
    }

    /** The same, bought by another buyer (nick), so rules keyed on the buyer see a customer of its own. */
    public static String taobao(long tid, String status, String modified, String buyerNick) throws Exception {
        ObjectNode root = (ObjectNode) JSON
                .readTree(Fixtures.bytes("taobao__trade_fullinfo_get_response_jdp_rds_captured.json"));
        ObjectNode trade = (ObjectNode) root.get("trade_fullinfo_get_response").get("trade");
        trade.put("tid", tid);
        trade.remove("tid_str");
        trade.put("status", status);
        trade.put("modified", modified);
        if (buyerNick != null) {
            trade.put("buyer_nick", buyerNick);
        }
        return JSON.writeValueAsString(root);
    }
}
