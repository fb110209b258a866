package io.orderhub.connector.platform.youzan;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.connector.api.FetchedOrder;
import io.orderhub.connector.api.OrderPage;
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
 * 有赞云 open API: {@code POST https://open.youzanyun.com/api/<name>/<version>?access_token=...} with a JSON body, as
 * the official PHP SDK builds it (github.com/youzan/open-sdk-php {@code src/Open/Config/HttpConfig.php}, {@code Http.php}).
 * Youzan signs nothing: the OAuth access token in the query is the only credential.
 */
@Singleton
public class YouzanApi implements PlatformApi {

    static final String BASE_URL = "https://open.youzanyun.com";
    /** 4.0.2: the current trade.get (yz_open_id instead of buyer_id); same full_order_info tree as 4.0.0. */
    static final String DETAIL = "youzan.trade.get";
    static final String DETAIL_VERSION = "4.0.2";
    /** 4.0.4: the current trades.sold.get (4.0.0 is documented for orders before 2020 only). */
    static final String LIST = "youzan.trades.sold.get";
    static final String LIST_VERSION = "4.0.4";
    static final String TOKEN_PATH = "/auth/token";
    static final String SHIP = "youzan.logistics.online.confirm";
    static final String SHIP_VERSION = "3.0.0";
    static final String JSON = "application/json;charset=UTF-8";
    /** trades.sold.get: page_no 1..100, page_size ≤ 100, page_no × page_size ≤ 3200, window ≤ 3 months. */
    static final int MAX_PAGE_SIZE = 100;
    static final int MAX_PAGE_NO = 100;
    static final int MAX_ROWS = 3200;
    /** "查询时间跨度不能大于3个月": the shortest three months (Feb + two 30/31-day months) is 89 days. */
    static final Duration MAX_WINDOW = Duration.ofDays(89);

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.YOUZAN);
    }

    @Override
    public String defaultBaseUrl(PlatformRequest.Base base) {
        return BASE_URL;
    }

    @Override
    public Paging paging() {
        return Paging.NUMBERED;
    }

    @Override
    public Duration maxWindow() {
        return MAX_WINDOW;
    }

    @Override
    public int maxPageSize() {
        return MAX_PAGE_SIZE;
    }

    @Override
    public PlatformRequest orderDetail(ShopAccess shop, String platformOrderId, Instant now) {
        ObjectNode body = YouzanJson.object().put("tid", platformOrderId);
        return call(shop, DETAIL, DETAIL_VERSION, body);
    }

    @Override
    public FetchedOrder readOrderDetail(PlatformResponse response) {
        return YouzanResponses.detail(response);
    }

    @Override
    public PlatformRequest listModified(ShopAccess shop, Instant from, Instant to, PageRequest page, Instant now) {
        return list(shop, "start_update", "end_update", from, to, page);
    }

    @Override
    public PlatformRequest listCreated(ShopAccess shop, Instant from, Instant to, PageRequest page, Instant now) {
        return list(shop, "start_created", "end_created", from, to, page);
    }

    @Override
    public OrderPage readPage(PlatformResponse response) {
        return YouzanResponses.page(response);
    }

    /**
     * Tool apps renew with {@code authorize_type=refresh_token}; self-use apps (自用型, no refresh token) ask again with
     * {@code authorize_type=silent} and {@code grant_id} = the shop's kdt_id (open-sdk-php {@code Token.php}).
     */
    @Override
    public PlatformRequest refreshToken(ShopAccess shop, Instant now) {
        ObjectNode body = YouzanJson.object().put("client_id", shop.appKey()).put("client_secret", shop.appSecret());
        if (shop.refreshToken() != null) {
            body.put("authorize_type", "refresh_token").put("refresh_token", shop.refreshToken());
        } else {
            body.put("authorize_type", "silent").put("grant_id", shop.platformShopId());
        }
        return new PlatformRequest("auth.token", PlatformRequest.Base.AUTH, "POST", TOKEN_PATH, Map.of(), Map.of(),
                JSON, YouzanJson.bytes(body));
    }

    @Override
    public TokenGrant readToken(PlatformResponse response, Instant now) {
        return YouzanResponses.token(response);
    }

    /**
     * youzan.logistics.online.confirm (3.0.0, 卖家确认发货): tid, oids (sub-orders, comma-separated, for a part
     * shipment; empty ships the whole order), is_no_express=0, out_stype (有赞's carrier id), out_sid (the waybill).
     */
    @Override
    public PlatformRequest ship(ShopAccess shop, Shipment shipment, Instant now) {
        ObjectNode body = YouzanJson.object().put("tid", shipment.platformOrderId()).put("is_no_express", 0)
                .put("out_stype", shipment.carrierCode()).put("out_sid", shipment.waybillNo());
        if (shipment.partial()) {
            body.put("oids", String.join(",", shipment.subOrderIds()));
        }
        return call(shop, SHIP, SHIP_VERSION, body);
    }

    @Override
    public ShipAck readShip(PlatformResponse response) {
        try {
            YouzanResponses.data(response);
            return new ShipAck(false, null);
        } catch (PlatformException e) {
            return ShipErrors.settle(e);
        }
    }

    private PlatformRequest list(ShopAccess shop, String startKey, String endKey, Instant from, Instant to,
            PageRequest page) {
        ObjectNode body = YouzanJson.object().put(startKey, YouzanJson.format(from)).put(endKey, YouzanJson.format(to))
                .put("page_no", page.page()).put("page_size", Math.min(page.pageSize(), MAX_PAGE_SIZE));
        return call(shop, LIST, LIST_VERSION, body);
    }

    private static PlatformRequest call(ShopAccess shop, String api, String version, ObjectNode body) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("access_token", shop.accessToken());
        return new PlatformRequest(api, PlatformRequest.Base.API, "POST", "/api/" + api + "/" + version, query,
                Map.of(), JSON, YouzanJson.bytes(body));
    }
}
