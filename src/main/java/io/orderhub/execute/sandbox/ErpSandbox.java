package io.orderhub.execute.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The sandbox ERP, answering as 旺店通 (Wangdiantong) does to an order push: {@code {"code":0,"message":"ok","data":
 * {"new_count","chg_count","trades"}}}. Dedupes on the request's {@code Idempotency-Key} (a repeat gets the first
 * answer) and keeps one raw trade per {@code tid} (the ERP's own handle, unique per shop): a known tid pushed under a
 * new key is a change ({@code chg_count}), never a second trade.
 */
@ApplicationScoped
public class ErpSandbox {

    private final DownstreamSandbox sandbox;

    public ErpSandbox(DownstreamSandbox sandbox) {
        this.sandbox = sandbox;
    }

    public DownstreamReply orders(DownstreamRequest request) {
        var refused = sandbox.refuse(DownstreamSystem.ERP, ErpSandbox::error);
        if (refused.isPresent()) {
            return refused.get();
        }
        Set<String> tids;
        try {
            tids = tids(request.json());
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
        if (request.idempotencyKey().isEmpty() && tids.isEmpty()) {
            return error(400, "an Idempotency-Key header or a tid in the body is required");
        }
        String key = request.idempotencyKey().orElse(String.join(",", tids));
        List<String> records = tids.isEmpty() ? List.of(key) : List.copyOf(tids);
        DownstreamBook book = sandbox.book(DownstreamSystem.ERP);
        Map<String, Object> answer = book.once(key, () -> push(book, key, records, request.body()));
        return DownstreamReply.json(200, answer);
    }

    private Map<String, Object> push(DownstreamBook book, String key, List<String> tids, byte[] body) {
        int created = 0;
        int changed = 0;
        List<Map<String, Object>> trades = new ArrayList<>();
        for (String tid : tids) {
            DownstreamBook.Touch touch = book.record(key, tid, () -> sandbox.nextId("JY", 12), body);
            if (touch.created()) {
                created++;
            } else {
                book.update(key, touch.entry(), body);
                changed++;
            }
            trades.add(Map.of("tid", tid, "trade_no", touch.entry().id()));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("new_count", created);
        data.put("chg_count", changed);
        data.put("trades", trades);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("code", 0);
        answer.put("message", "ok");
        answer.put("data", data);
        return answer;
    }

    /**
     * The tids of a push: 旗舰版 {@code sales.RawTrade.pushSelf2} is a positional array {@code [shop_no, [trades],
     * [lines]]}; the 企业版 {@code trade_push} an object with {@code trade_list}; a single trade object has its own tid.
     */
    static Set<String> tids(JsonNode body) {
        JsonNode trades = body.isArray() ? body.path(1) : body.has("trade_list") ? body.path("trade_list") : null;
        Set<String> tids = new LinkedHashSet<>();
        if (trades == null) {
            String tid = body.path("tid").asText("");
            if (!tid.isEmpty()) {
                tids.add(tid);
            }
            return tids;
        }
        for (JsonNode trade : trades) {
            String tid = trade.path("tid").asText("");
            if (tid.isEmpty()) {
                throw new IllegalArgumentException("every trade needs a tid");
            }
            tids.add(tid);
        }
        return tids;
    }

    static DownstreamReply error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        // any non-zero code is an error to a 旺店通 client; the sandbox uses the HTTP status as its code
        body.put("code", status);
        body.put("message", message);
        return DownstreamReply.json(status, body);
    }
}
