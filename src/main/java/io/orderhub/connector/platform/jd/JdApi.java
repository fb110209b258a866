package io.orderhub.connector.platform.jd;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
import io.orderhub.connector.api.ShopAccess;
import io.orderhub.connector.api.TokenGrant;
import io.orderhub.ingress.Channel;

/**
 * JD POP through JOS {@code /routerjson} (v2.0): {@code jingdong.pop.order.get} (the call whose
 * {@code jingdong_pop_order_get_responce} mappings/channels/jd.jsonata maps), {@code jingdong.pop.order.search} by
 * modification (dateType 0) or creation (dateType 1) time, and the OAuth refresh on open-oauth.jd.com.
 */
@Singleton
public class JdApi implements PlatformApi {

    static final String PATH = "/routerjson";
    static final String REFRESH_PATH = "/oauth2/refresh_token";
    static final String DETAIL = "jingdong.pop.order.get";
    static final String SEARCH = "jingdong.pop.order.search";
    static final String SHIP = "jingdong.pop.order.shipment";
    static final String DETAIL_FIELDS = "orderId,venderId,orderType,payType,orderTotalPrice,orderSellerPrice,"
            + "orderPayment,freightPrice,sellerDiscount,balanceUsed,orderState,orderStateRemark,orderRemark,"
            + "venderRemark,orderStartTime,paymentConfirmTime,modified,pin,open_id_buyer,xid_buyer,parentOrderId,"
            + "consigneeInfo,itemInfoList,couponDetailList";
    static final String LIST_FIELDS = "orderId,orderState,orderStartTime,modified";
    /** Every orderState pop.order.search accepts (its order_state parameter is required). */
    static final String ALL_STATES = "WAIT_SELLER_STOCK_OUT,WAIT_GOODS_RECEIVE_CONFIRM,WAIT_SELLER_DELIVERY,PAUSE,"
            + "FINISHED_L,TRADE_CANCELED,LOCKED,POP_ORDER_PAUSE";
    static final int MAX_PAGE_SIZE = 100;

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.JD);
    }

    @Override
    public String defaultBaseUrl(PlatformRequest.Base base) {
        return base == PlatformRequest.Base.AUTH ? "https://open-oauth.jd.com" : "https://api.jd.com";
    }

    @Override
    public Paging paging() {
        return Paging.NUMBERED;
    }

    @Override
    public Duration maxWindow() {
        return Duration.ofDays(30); // pop.order.search: start and end "不得相差超过1个月"
    }

    @Override
    public int maxPageSize() {
        return MAX_PAGE_SIZE;
    }

    @Override
    public PlatformRequest orderDetail(ShopAccess shop, String platformOrderId, Instant now) {
        return call(shop, DETAIL, Map.of("optional_fields", DETAIL_FIELDS, "order_id", platformOrderId), now);
    }

    @Override
    public PlatformRequest listModified(ShopAccess shop, Instant from, Instant to, PageRequest page, Instant now) {
        return call(shop, SEARCH, search(0, from, to, page), now);
    }

    @Override
    public PlatformRequest listCreated(ShopAccess shop, Instant from, Instant to, PageRequest page, Instant now) {
        return call(shop, SEARCH, search(1, from, to, page), now);
    }

    /** JD documents the refresh as a GET with the app secret in the query (open-oauth.jd.com, OAuth 2.0 guide). */
    @Override
    public PlatformRequest refreshToken(ShopAccess shop, Instant now) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("app_key", shop.appKey());
        q.put("app_secret", shop.appSecret());
        q.put("grant_type", "refresh_token");
        q.put("refresh_token", shop.refreshToken());
        return new PlatformRequest("jd.oauth2.refresh_token", PlatformRequest.Base.AUTH, "GET", REFRESH_PATH, q,
                Map.of(), null, null);
    }

    @Override
    public FetchedOrder readOrderDetail(PlatformResponse response) {
        JsonNode info = JdErrors.envelope(JdErrors.read(json, response), "jingdong_pop_order_get_responce",
                "orderDetailInfo").path("orderInfo");
        String orderId = info.path("orderId").asText("");
        if (orderId.isEmpty()) {
            throw new PlatformException(PlatformException.Kind.NOT_FOUND, null, "JD detail carries no orderInfo");
        }
        return new FetchedOrder(orderId, "application/json", response.body(),
                JdWire.instant(info.path("modified").asText(null)));
    }

    @Override
    public OrderPage readPage(PlatformResponse response) {
        JsonNode result = JdErrors.envelope(JdErrors.read(json, response), "jingdong_pop_order_search_responce",
                "searchorderinfo_result");
        List<OrderRef> refs = new ArrayList<>();
        for (JsonNode o : result.path("orderInfoList")) {
            refs.add(new OrderRef(o.path("orderId").asText(), JdWire.instant(o.path("modified").asText(null)),
                    JdWire.instant(o.path("orderStartTime").asText(null)), o.path("orderState").asText(null)));
        }
        int total = result.path("orderTotal").asInt(refs.size());
        // JD sends only the total; without the page number, an empty page or one holding the whole total is last
        return new OrderPage(total, refs, null, !refs.isEmpty() && refs.size() < total);
    }

    @Override
    public TokenGrant readToken(PlatformResponse response, Instant now) {
        JsonNode token = JdErrors.read(json, response);
        if (token.path("access_token").asText("").isEmpty()) {
            throw new PlatformException(PlatformException.Kind.PERMANENT, token.path("code").asText(null),
                    "JD token refresh failed: " + token.path("msg").asText(""));
        }
        Instant issued = token.hasNonNull("time") ? Instant.ofEpochMilli(token.get("time").asLong()) : now;
        Instant expiresAt = token.hasNonNull("expires_in")
                ? issued.plusSeconds(token.get("expires_in").asLong())
                : null;
        String refresh = token.path("refresh_token").asText("");
        return new TokenGrant(token.get("access_token").asText(), refresh.isEmpty() ? null : refresh, expiresAt);
    }

    /**
     * jingdong.pop.order.shipment (SOP 出库发货): order_id, logiCoprId (JD's carrier id), logiNo (the waybill); the answer
     * is {@code jingdong_pop_order_shipment_responce.sopjosshipment_result.success} (JOS keeps its "responce" spelling).
     * JD ships whole orders: a part shipment is refused here rather than sent as a whole one.
     */
    @Override
    public PlatformRequest ship(ShopAccess shop, Shipment shipment, Instant now) {
        if (shipment.partial()) {
            throw new PlatformException(PlatformException.Kind.PERMANENT, "partial-unsupported",
                    "jingdong.pop.order.shipment ships whole orders only");
        }
        Map<String, Object> p = new TreeMap<>();
        p.put("logiCoprId", shipment.carrierCode());
        p.put("logiNo", shipment.waybillNo());
        p.put("order_id", shipment.platformOrderId());
        return call(shop, SHIP, p, now);
    }

    @Override
    public ShipAck readShip(PlatformResponse response) {
        JsonNode result;
        try {
            result = JdErrors.envelope(JdErrors.read(json, response), "jingdong_pop_order_shipment_responce",
                    "sopjosshipment_result");
        } catch (PlatformException e) {
            return ShipErrors.settle(e);
        }
        if (!result.path("success").asBoolean(false)) {
            return ShipErrors.settle(new PlatformException(PlatformException.Kind.PERMANENT,
                    result.path("errorCode").asText(null), "JD shipment refused: "
                            + result.path("chineseErrCode").asText(result.path("englishErrCode").asText(""))));
        }
        return new ShipAck(false, null);
    }

    private static Map<String, Object> search(int dateType, Instant from, Instant to, PageRequest page) {
        if (page.pageSize() < 1 || page.pageSize() > MAX_PAGE_SIZE || page.page() < 1) {
            throw new IllegalArgumentException("JD pages are 1-based with 1..100 rows: " + page);
        }
        Map<String, Object> p = new TreeMap<>();
        p.put("dateType", dateType); // 0: modification time, 1: creation time
        p.put("end_date", JdWire.time(to));
        p.put("optional_fields", LIST_FIELDS);
        p.put("order_state", ALL_STATES);
        p.put("page", String.valueOf(page.page()));
        p.put("page_size", String.valueOf(page.pageSize()));
        p.put("sortType", 0); // ascending, JD's default
        p.put("start_date", JdWire.time(from));
        return p;
    }

    private PlatformRequest call(ShopAccess shop, String method, Map<String, ?> business, Instant now) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("method", method);
        p.put("app_key", shop.appKey());
        p.put("access_token", shop.accessToken());
        p.put("timestamp", JdWire.time(now));
        p.put("v", "2.0");
        p.put("360buy_param_json", paramJson(business));
        p.put("sign", JosSign.sign(p, shop.appSecret()));
        return new PlatformRequest(method, PlatformRequest.Base.API, "POST", PATH, Map.of(), Map.of(), JdWire.FORM,
                JdWire.form(p));
    }

    /** The business parameters as one JSON object, keys in alphabetical order as JOS asks. */
    private String paramJson(Map<String, ?> business) {
        try {
            return json.writeValueAsString(new TreeMap<>(business));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
