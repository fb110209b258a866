package io.orderhub.connector.platform.taobao;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Singleton;

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
 * Taobao/Tmall TOP router API ({@code /router/rest}, v2.0, JSON): trade detail, incremental and created-time trade
 * lists, token refresh; every call signed with {@link TopSign} and sent as a form POST so tokens stay out of URLs.
 */
@Singleton
public class TaobaoApi implements PlatformApi {

    static final String PATH = "/router/rest";
    static final String DETAIL = "taobao.trade.fullinfo.get";
    static final String MODIFIED = "taobao.trades.sold.increment.get";
    static final String CREATED = "taobao.trades.sold.get";
    static final String REFRESH = "taobao.top.auth.token.refresh";
    static final String SHIP = "taobao.logistics.offline.send";
    /** Everything mappings/channels/taobao.jsonata and tmall.jsonata read, plus the sub-orders. */
    static final String DETAIL_FIELDS = "tid,tid_str,type,status,seller_nick,buyer_nick,buyer_open_uid,created,"
            + "pay_time,modified,send_time,post_fee,total_fee,payment,shipping_type,receiver_name,receiver_mobile,"
            + "receiver_phone,receiver_country,receiver_state,receiver_city,receiver_district,receiver_town,"
            + "receiver_address,receiver_zip,step_trade_status,step_paid_fee,buyer_message,seller_memo,oaid,orders";
    static final String LIST_FIELDS = "tid,tid_str,status,created,modified";
    static final int MAX_PAGE_SIZE = 100;

    private final ObjectMapper json = new ObjectMapper();
    private final String signMethod;

    public TaobaoApi() {
        this(TopSign.HMAC_SHA256);
    }

    TaobaoApi(String signMethod) {
        if (!TopSign.supported(signMethod)) {
            throw new IllegalArgumentException("unsupported TOP sign_method " + signMethod);
        }
        this.signMethod = signMethod;
    }

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.TAOBAO, Channel.TMALL);
    }

    @Override
    public String defaultBaseUrl(PlatformRequest.Base base) {
        return "https://eco.taobao.com";
    }

    @Override
    public Paging paging() {
        return Paging.NUMBERED;
    }

    @Override
    public Duration maxWindow() {
        return Duration.ofDays(1); // trades.sold.increment.get: end_modified - start_modified <= 1 day
    }

    @Override
    public int maxPageSize() {
        return MAX_PAGE_SIZE;
    }

    @Override
    public PlatformRequest orderDetail(ShopAccess shop, String platformOrderId, Instant now) {
        return call(shop, DETAIL, Map.of("fields", DETAIL_FIELDS, "tid", platformOrderId), now, true);
    }

    @Override
    public PlatformRequest listModified(ShopAccess shop, Instant from, Instant to, PageRequest page, Instant now) {
        return call(shop, MODIFIED, list("start_modified", "end_modified", from, to, page), now, true);
    }

    @Override
    public PlatformRequest listCreated(ShopAccess shop, Instant from, Instant to, PageRequest page, Instant now) {
        return call(shop, CREATED, list("start_created", "end_created", from, to, page), now, true);
    }

    @Override
    public PlatformRequest refreshToken(ShopAccess shop, Instant now) {
        return call(shop, REFRESH, Map.of("refresh_token", shop.refreshToken()), now, false);
    }

    @Override
    public FetchedOrder readOrderDetail(PlatformResponse response) {
        JsonNode trade = TopErrors.read(json, response).path("trade_fullinfo_get_response").path("trade");
        String tid = tid(trade);
        if (tid.isEmpty()) {
            throw new PlatformException(PlatformException.Kind.NOT_FOUND, null, "TOP detail carries no trade");
        }
        return new FetchedOrder(tid, "application/json", response.body(),
                TopWire.instant(trade.path("modified").asText(null)));
    }

    @Override
    public OrderPage readPage(PlatformResponse response) {
        JsonNode root = TopErrors.read(json, response);
        JsonNode page = root.has("trades_sold_increment_get_response")
                ? root.get("trades_sold_increment_get_response")
                : root.path("trades_sold_get_response");
        List<OrderRef> refs = new ArrayList<>();
        for (JsonNode t : page.path("trades").path("trade")) {
            refs.add(new OrderRef(tid(t), TopWire.instant(t.path("modified").asText(null)),
                    TopWire.instant(t.path("created").asText(null)), t.path("status").asText(null)));
        }
        int total = page.path("total_results").asInt(refs.size());
        // has_next comes with the page; without it, only an empty page or one holding the whole window is last
        boolean hasNext = page.has("has_next")
                ? page.get("has_next").asBoolean()
                : !refs.isEmpty() && refs.size() < total;
        return new OrderPage(total, refs, null, hasNext);
    }

    @Override
    public TokenGrant readToken(PlatformResponse response, Instant now) {
        return TopTokens.read(json, TopErrors.read(json, response), now);
    }

    /**
     * taobao.logistics.offline.send (自己联系物流发货): tid, out_sid, company_code; a part shipment adds sub_tid (the
     * sub-orders' oids, comma-separated) and is_split=1 (parameters as the TOP API page lists them, mirrored in
     * github.com/bububa/opentaobao model/logistic/TaobaoLogisticsOfflineSendAPIRequest.go).
     */
    @Override
    public PlatformRequest ship(ShopAccess shop, Shipment shipment, Instant now) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("tid", shipment.platformOrderId());
        if (shipment.partial()) {
            p.put("sub_tid", String.join(",", shipment.subOrderIds()));
            p.put("is_split", "1");
        }
        p.put("out_sid", shipment.waybillNo());
        p.put("company_code", shipment.carrierCode());
        return call(shop, SHIP, p, now, true);
    }

    @Override
    public java.util.Optional<io.orderhub.connector.api.ShippedView> readShipped(FetchedOrder order) {
        return TopShipping.shipped(json, order);
    }

    /** {@code logistics_offline_send_response.shipping.is_success}; errors through {@link TopErrors}. */
    @Override
    public ShipAck readShip(PlatformResponse response) {
        JsonNode shipping;
        try {
            shipping = TopErrors.read(json, response).path("logistics_offline_send_response").path("shipping");
        } catch (PlatformException e) {
            return ShipErrors.settle(e);
        }
        if (!shipping.path("is_success").asBoolean(false)) {
            throw new PlatformException(PlatformException.Kind.PERMANENT, null,
                    "taobao.logistics.offline.send answered without is_success");
        }
        return new ShipAck(false, null);
    }

    private static Map<String, String> list(String fromName, String toName, Instant from, Instant to,
            PageRequest page) {
        if (page.pageSize() < 1 || page.pageSize() > MAX_PAGE_SIZE || page.page() < 1) {
            throw new IllegalArgumentException("TOP pages are 1-based with 1..100 rows: " + page);
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("fields", LIST_FIELDS);
        p.put(fromName, TopWire.time(from));
        p.put(toName, TopWire.time(to));
        p.put("page_no", String.valueOf(page.page()));
        p.put("page_size", String.valueOf(page.pageSize()));
        p.put("use_has_next", "false"); // so that total_results is returned
        return p;
    }

    private PlatformRequest call(ShopAccess shop, String method, Map<String, String> business, Instant now,
            boolean session) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("method", method);
        p.put("app_key", shop.appKey());
        if (session) {
            p.put("session", shop.accessToken());
        }
        p.put("timestamp", TopWire.time(now));
        p.put("format", "json");
        p.put("v", "2.0");
        p.put("sign_method", signMethod);
        p.putAll(business);
        p.put("sign", TopSign.sign(p, shop.appSecret(), signMethod));
        return new PlatformRequest(method, PlatformRequest.Base.API, "POST", PATH, Map.of(), Map.of(), TopWire.FORM,
                TopWire.form(p));
    }

    static String tid(JsonNode trade) {
        String tidStr = trade.path("tid_str").asText("");
        return tidStr.isEmpty() ? trade.path("tid").asText("") : tidStr;
    }
}
