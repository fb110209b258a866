package io.orderhub.connector.platform.douyin;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.connector.api.FetchedOrder;
import io.orderhub.connector.api.OrderPage;
import io.orderhub.connector.api.OrderRef;
import io.orderhub.connector.api.PageRequest;
import io.orderhub.connector.api.PlatformApi;
import io.orderhub.connector.api.PlatformException;
import io.orderhub.connector.api.PlatformRequest;
import io.orderhub.connector.api.PlatformResponse;
import io.orderhub.connector.api.ShipAck;
import io.orderhub.connector.api.ShipErrors;
import io.orderhub.connector.api.Shipment;
import io.orderhub.connector.api.ShippedView;
import io.orderhub.connector.api.ShopAccess;
import io.orderhub.connector.api.TokenGrant;
import io.orderhub.ingress.Channel;

/**
 * The 抖店 open API as the official SDKs call it (github.com/zsmhub/doudian-sdk {@code core/doudian_op_api_client.go}):
 * {@code POST https://openapi-fxg.jinritemai.com/<method with . as />} with {@code app_key, method, access_token,
 * timestamp} (unix seconds), {@code v=2, sign, sign_method=hmac-sha256} in the query and param_json as the JSON body.
 * Order detail (order.orderDetail), order.searchList by update time (polling) and by create time (reconciliation),
 * token.refresh.
 */
@Singleton
public class DouyinApi implements PlatformApi {

    static final String DETAIL = "order.orderDetail";
    static final String SEARCH = "order.searchList";
    static final String REFRESH = "token.refresh";
    static final String SHIP = "order.logisticsAdd";
    static final String SHIP_MULTI = "order.logisticsAddMultiPack";
    static final String GATEWAY = "https://openapi-fxg.jinritemai.com";
    /** order.searchList: "单页大小，限制100以内" (isv.parameter-invalid:20008 beyond). */
    static final int MAX_PAGE_SIZE = 100;

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.DOUYIN);
    }

    @Override
    public String defaultBaseUrl(PlatformRequest.Base base) {
        return GATEWAY; // token.create / token.refresh live on the API host too
    }

    @Override
    public Paging paging() {
        return Paging.NUMBERED;
    }

    /**
     * searchList documents no window limit, only a 90-day lookback (20022) and at most 50,000 results per query
     * (20013); a day keeps a busy shop's window far below that cap.
     */
    @Override
    public Duration maxWindow() {
        return Duration.ofDays(1);
    }

    @Override
    public int maxPageSize() {
        return MAX_PAGE_SIZE;
    }

    @Override
    public PlatformRequest orderDetail(ShopAccess shop, String platformOrderId, Instant now) {
        return request(DETAIL, shop, Map.of("shop_order_id", platformOrderId), now, true);
    }

    @Override
    public FetchedOrder readOrderDetail(PlatformResponse response) {
        JsonNode root = DouyinErrors.parse(response);
        JsonNode order = root.path("data").path("shop_order_detail");
        if (!order.hasNonNull("order_id")) {
            throw new PlatformException(PlatformException.Kind.NOT_FOUND, null, "抖店 answered no shop_order_detail");
        }
        return new FetchedOrder(order.get("order_id").asText(), "application/json", response.body(),
                DouyinWire.seconds(order.get("update_time")));
    }

    /** Ascending update time ({@code order_asc=true}; the platform's default is descending). */
    @Override
    public PlatformRequest listModified(ShopAccess shop, Instant from, Instant to, PageRequest page, Instant now) {
        return request(SEARCH, shop, search("update_time", from, to, page), now, true);
    }

    @Override
    public PlatformRequest listCreated(ShopAccess shop, Instant from, Instant to, PageRequest page, Instant now) {
        return request(SEARCH, shop, search("create_time", from, to, page), now, true);
    }

    @Override
    public OrderPage readPage(PlatformResponse response) {
        JsonNode root = DouyinErrors.parse(response);
        JsonNode data = root.path("data");
        List<OrderRef> refs = new ArrayList<>();
        for (JsonNode o : data.path("shop_order_list")) {
            JsonNode status = o.hasNonNull("main_status") ? o.get("main_status") : o.get("order_status");
            refs.add(new OrderRef(o.path("order_id").asText(), DouyinWire.seconds(o.get("update_time")),
                    DouyinWire.seconds(o.get("create_time")), status == null ? null : status.asText()));
        }
        int total = data.path("total").asInt();
        long seen = (data.path("page").asLong() + 1) * data.path("size").asLong();
        return new OrderPage(total, refs, null, seen < total);
    }

    @Override
    public PlatformRequest refreshToken(ShopAccess shop, Instant now) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("grant_type", "refresh_token");
        p.put("refresh_token", shop.refreshToken());
        return request(REFRESH, shop, p, now, false);
    }

    @Override
    public TokenGrant readToken(PlatformResponse response, Instant now) {
        JsonNode root = DouyinErrors.parse(response);
        JsonNode d = root.path("data");
        return new TokenGrant(d.path("access_token").asText(), d.path("refresh_token").asText(null),
                now.plusSeconds(d.path("expires_in").asLong()));
    }

    /**
     * order.logisticsAdd (发货): order_id, company_code (抖店's carrier code from order.logisticsCompanyList),
     * logistics_code (the waybill); a part shipment goes through order.logisticsAddMultiPack with one pack naming the
     * sub-orders (shipped_order_info[].shipped_order_id). Answer code 10000 = ok (DouyinErrors).
     */
    @Override
    public PlatformRequest ship(ShopAccess shop, Shipment shipment, Instant now) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("order_id", shipment.platformOrderId());
        if (!shipment.partial()) {
            p.put("company_code", shipment.carrierCode());
            p.put("logistics_code", shipment.waybillNo());
            return request(SHIP, shop, p, now, true);
        }
        Map<String, Object> pack = new LinkedHashMap<>();
        pack.put("company_code", shipment.carrierCode());
        pack.put("logistics_code", shipment.waybillNo());
        pack.put("shipped_order_info", shipment.subOrderIds().stream()
                .map(id -> Map.of("shipped_order_id", id)).toList());
        p.put("pack_list", java.util.List.of(pack));
        p.put("request_id", shipment.platformOrderId() + ":" + shipment.waybillNo());
        return request(SHIP_MULTI, shop, p, now, true);
    }

    @Override
    public ShipAck readShip(PlatformResponse response) {
        try {
            DouyinErrors.parse(response);
            return new ShipAck(false, null);
        } catch (PlatformException e) {
            return ShipErrors.settle(e);
        }
    }

    /**
     * The daily write-back check reads order.orderDetail: {@code order_status} 3 已发货 / 5 已完成 means shipped, the
     * waybills are {@code logistics_info[].tracking_no} (fields of the orderDetail sample in sandbox/douyin).
     */
    @Override
    public java.util.Optional<ShippedView> readShipped(FetchedOrder order) {
        JsonNode detail = DouyinWire.read(order.body()).path("data").path("shop_order_detail");
        if (!detail.has("order_status")) {
            return java.util.Optional.empty();
        }
        java.util.Set<String> waybills = new java.util.LinkedHashSet<>();
        detail.path("logistics_info").forEach(l -> {
            if (!l.path("tracking_no").asText("").isEmpty()) {
                waybills.add(l.path("tracking_no").asText());
            }
        });
        int status = detail.path("order_status").asInt();
        return java.util.Optional.of(new ShippedView(status == 3 || status == 5, java.util.Set.copyOf(waybills)));
    }

    private static Map<String, Object> search(String timeField, Instant from, Instant to, PageRequest page) {
        if (page.page() < 1 || page.pageSize() < 1 || page.pageSize() > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("抖店 pages with size 1.." + MAX_PAGE_SIZE);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(timeField + "_start", from.getEpochSecond());
        p.put(timeField + "_end", to.getEpochSecond());
        p.put("order_by", timeField);
        p.put("order_asc", true);
        p.put("page", page.page() - 1); // the platform counts pages from 0
        p.put("size", page.pageSize());
        return p;
    }

    private static PlatformRequest request(String method, ShopAccess shop, Map<String, ?> params, Instant now,
            boolean withToken) {
        String json = DouyinSign.paramJson(params);
        String ts = String.valueOf(now.getEpochSecond());
        Map<String, String> q = new LinkedHashMap<>();
        q.put("app_key", shop.appKey());
        q.put("method", method);
        if (withToken) {
            q.put("access_token", shop.accessToken());
        }
        q.put("timestamp", ts);
        q.put("v", "2");
        q.put("sign", DouyinSign.sign(DouyinSign.HMAC, shop.appKey(), shop.appSecret(), method, json, ts));
        q.put("sign_method", DouyinSign.HMAC);
        return new PlatformRequest(method, PlatformRequest.Base.API, "POST", DouyinWire.path(method), q, Map.of(),
                DouyinWire.CONTENT_TYPE, json.getBytes(StandardCharsets.UTF_8));
    }
}
