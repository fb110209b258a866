package io.orderhub.connector.platform.wechat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
import io.orderhub.connector.api.Shipment;
import io.orderhub.connector.api.ShippedView;
import io.orderhub.connector.api.ShopAccess;
import io.orderhub.connector.api.TokenGrant;
import io.orderhub.ingress.Channel;

/**
 * 微信小店 (WeChat Channels shop) order API on api.weixin.qq.com: JSON POSTs with {@code ?access_token=}, no request
 * signature (developers.weixin.qq.com/doc/store/shop/API/channels-shop-order/api_getorder.md, api_getorderlist.md).
 * The token comes from {@code /cgi-bin/stable_token} with the shop's appid and secret.
 */
@Singleton
public class WechatChannelsApi implements PlatformApi {

    static final String BASE_URL = "https://api.weixin.qq.com";
    static final String DETAIL_PATH = "/channels/ec/order/get";
    static final String LIST_PATH = "/channels/ec/order/list/get";
    /**
     * stable_token rather than /cgi-bin/token: it does not invalidate the token other services of the same appid
     * hold, and in normal mode (force_refresh=false) answers the current token while it is valid.
     */
    static final String TOKEN_PATH = "/cgi-bin/stable_token";
    static final String JSON = "application/json;charset=UTF-8";
    /** list/get: page_size 不超过100; start_time/end_time 距离不可超过7天. */
    static final int MAX_PAGE_SIZE = 100;
    static final Duration MAX_WINDOW = Duration.ofDays(7);

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.WECHAT_CHANNELS);
    }

    @Override
    public String defaultBaseUrl(PlatformRequest.Base base) {
        return BASE_URL;
    }

    @Override
    public Paging paging() {
        return Paging.CURSOR;
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
        return call(shop, "channels.ec.order.get", DETAIL_PATH, WechatJson.object().put("order_id", platformOrderId));
    }

    @Override
    public FetchedOrder readOrderDetail(PlatformResponse response) {
        return WechatChannelsResponses.detail(response);
    }

    @Override
    public PlatformRequest listModified(ShopAccess shop, Instant from, Instant to, PageRequest page, Instant now) {
        return list(shop, "update_time_range", from, to, page);
    }

    @Override
    public PlatformRequest listCreated(ShopAccess shop, Instant from, Instant to, PageRequest page, Instant now) {
        return list(shop, "create_time_range", from, to, page);
    }

    @Override
    public OrderPage readPage(PlatformResponse response) {
        return WechatChannelsResponses.page(response);
    }

    @Override
    public PlatformRequest refreshToken(ShopAccess shop, Instant now) {
        ObjectNode body = WechatJson.object().put("grant_type", "client_credential").put("appid", shop.appKey())
                .put("secret", shop.appSecret()).put("force_refresh", false);
        return new PlatformRequest("cgi-bin.stable_token", PlatformRequest.Base.AUTH, "POST", TOKEN_PATH, Map.of(),
                Map.of(), JSON, WechatJson.bytes(body));
    }

    @Override
    public TokenGrant readToken(PlatformResponse response, Instant now) {
        return WechatChannelsResponses.token(response, now);
    }

    @Override
    public PlatformRequest ship(ShopAccess shop, Shipment shipment, Instant now) {
        if (shipment.partial()) {
            // product_infos names product and sku ids the canonical lines of this channel do not carry
            throw new PlatformException(PlatformException.Kind.PERMANENT, "partial-unsupported",
                    "WeChat Channels part shipments need product ids; only whole orders are written back");
        }
        return call(shop, "channels.ec.order.delivery.send", WechatChannelsShipping.PATH,
                WechatChannelsShipping.body(shipment));
    }

    @Override
    public ShipAck readShip(PlatformResponse response) {
        return WechatChannelsShipping.read(response);
    }

    @Override
    public Optional<ShippedView> readShipped(FetchedOrder order) {
        return WechatChannelsShipping.shipped(order);
    }

    private PlatformRequest list(ShopAccess shop, String rangeKey, Instant from, Instant to, PageRequest page) {
        ObjectNode body = WechatJson.object();
        body.putObject(rangeKey).put("start_time", from.getEpochSecond()).put("end_time", to.getEpochSecond());
        body.put("page_size", Math.min(page.pageSize(), MAX_PAGE_SIZE));
        // the first page sends an empty next_key ("首次置空即可")
        body.put("next_key", page.cursor() == null ? "" : page.cursor());
        return call(shop, "channels.ec.order.list.get", LIST_PATH, body);
    }

    private static PlatformRequest call(ShopAccess shop, String operation, String path, ObjectNode body) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("access_token", shop.accessToken());
        return new PlatformRequest(operation, PlatformRequest.Base.API, "POST", path, query, Map.of(), JSON,
                WechatJson.bytes(body));
    }
}
