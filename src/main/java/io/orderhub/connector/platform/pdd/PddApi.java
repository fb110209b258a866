package io.orderhub.connector.platform.pdd;

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
 * Pinduoduo's POP gateway ({@code POST https://gw-api.pinduoduo.com/api/router}, form parameters {@code type},
 * {@code client_id}, {@code access_token}, {@code timestamp} in unix seconds, {@code data_type=JSON}, {@code sign}):
 * order detail, incremental list by update time, list by 成交 (confirm) time and token refresh.
 */
@Singleton
public class PddApi implements PlatformApi {

    static final String DETAIL = "pdd.order.information.get";
    static final String INCREMENT = "pdd.order.number.list.increment.get";
    static final String LIST = "pdd.order.list.get";
    static final String REFRESH = "pdd.pop.auth.token.refresh";
    static final String SHIP = "pdd.logistics.online.send";
    static final String GATEWAY = "https://gw-api.pinduoduo.com";
    /** pdd.order.number.list.increment.get: end_updated_at - start_updated_at <= 30 min. */
    static final Duration INCREMENT_WINDOW = Duration.ofMinutes(30);
    /** pdd.order.list.get: confirm-time window of at most 24 hours. */
    static final Duration LIST_WINDOW = Duration.ofHours(24);
    static final int MAX_PAGE_SIZE = 100;

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.PDD);
    }

    @Override
    public String defaultBaseUrl(PlatformRequest.Base base) {
        return GATEWAY; // token calls go through the same router
    }

    @Override
    public Paging paging() {
        return Paging.NUMBERED;
    }

    @Override
    public Duration maxWindow() {
        return INCREMENT_WINDOW;
    }

    @Override
    public int maxPageSize() {
        return MAX_PAGE_SIZE;
    }

    @Override
    public PlatformRequest orderDetail(ShopAccess shop, String platformOrderId, Instant now) {
        Map<String, String> p = common(DETAIL, shop, now, true);
        p.put("order_sn", platformOrderId);
        return signed(DETAIL, shop, p);
    }

    @Override
    public FetchedOrder readOrderDetail(PlatformResponse response) {
        JsonNode root = PddErrors.parse(response);
        JsonNode info = root.path("order_info_get_response").path("order_info");
        if (!info.hasNonNull("order_sn")) {
            throw new PlatformException(PlatformException.Kind.NOT_FOUND, null, "PDD answered no order_info");
        }
        return new FetchedOrder(info.get("order_sn").asText(), "application/json", response.body(),
                PddWire.timeOrNull(info.get("updated_at")));
    }

    /** pdd.order.number.list.increment.get over every order and after-sales state (filters 5 = 全部, lucky 0 = 全部). */
    @Override
    public PlatformRequest listModified(ShopAccess shop, Instant from, Instant to, PageRequest page, Instant now) {
        window(from, to, INCREMENT_WINDOW);
        Map<String, String> p = common(INCREMENT, shop, now, true);
        p.put("start_updated_at", String.valueOf(from.getEpochSecond()));
        p.put("end_updated_at", String.valueOf(to.getEpochSecond()));
        p.put("is_lucky_flag", "0");
        p.put("order_status", "5");
        p.put("refund_status", "5");
        paging(p, page);
        return signed(INCREMENT, shop, p);
    }

    /**
     * pdd.order.list.get filters by 成交 (confirm) time, not creation time: an order appears once its deal is
     * concluded (paid, group formed), so unpaid or still-grouping orders are not counted by the reconciliation.
     */
    @Override
    public PlatformRequest listCreated(ShopAccess shop, Instant from, Instant to, PageRequest page, Instant now) {
        window(from, to, LIST_WINDOW);
        Map<String, String> p = common(LIST, shop, now, true);
        p.put("start_confirm_at", String.valueOf(from.getEpochSecond()));
        p.put("end_confirm_at", String.valueOf(to.getEpochSecond()));
        p.put("order_status", "5");
        p.put("refund_status", "5");
        paging(p, page);
        return signed(LIST, shop, p);
    }

    @Override
    public OrderPage readPage(PlatformResponse response) {
        JsonNode root = PddErrors.parse(response);
        JsonNode body = root.has("order_sn_increment_get_response")
                ? root.get("order_sn_increment_get_response")
                : root.path("order_list_get_response");
        JsonNode items = body.has("order_sn_list") ? body.get("order_sn_list") : body.path("order_list");
        List<OrderRef> refs = new ArrayList<>();
        for (JsonNode o : items) {
            refs.add(new OrderRef(o.path("order_sn").asText(), PddWire.timeOrNull(o.get("updated_at")),
                    PddWire.timeOrNull(o.get("created_time")), o.path("order_status").asText(null)));
        }
        return new OrderPage(body.path("total_count").asInt(-1), refs, null, body.path("has_next").asBoolean(false));
    }

    @Override
    public PlatformRequest refreshToken(ShopAccess shop, Instant now) {
        Map<String, String> p = common(REFRESH, shop, now, false);
        p.put("refresh_token", shop.refreshToken());
        return signed(REFRESH, shop, p);
    }

    @Override
    public TokenGrant readToken(PlatformResponse response, Instant now) {
        JsonNode root = PddErrors.parse(response);
        JsonNode t = root.path("pop_auth_token_refresh_response");
        Instant expires = t.hasNonNull("expires_at")
                ? Instant.ofEpochSecond(t.get("expires_at").asLong())
                : now.plusSeconds(t.path("expires_in").asLong());
        return new TokenGrant(t.path("access_token").asText(), t.path("refresh_token").asText(null), expires);
    }

    /**
     * pdd.logistics.online.send (订单发货通知): order_sn, logistics_id (PDD's numeric carrier id from
     * pdd.logistics.companies.get), tracking_number; answer {@code logistics_online_send_response.is_success}.
     * PDD ships whole orders.
     */
    @Override
    public PlatformRequest ship(ShopAccess shop, Shipment shipment, Instant now) {
        if (shipment.partial()) {
            throw new PlatformException(PlatformException.Kind.PERMANENT, "partial-unsupported",
                    "pdd.logistics.online.send ships whole orders only");
        }
        Map<String, String> p = common(SHIP, shop, now, true);
        p.put("order_sn", shipment.platformOrderId());
        p.put("logistics_id", shipment.carrierCode());
        p.put("tracking_number", shipment.waybillNo());
        return signed(SHIP, shop, p);
    }

    @Override
    public ShipAck readShip(PlatformResponse response) {
        JsonNode root;
        try {
            root = PddErrors.parse(response);
        } catch (PlatformException e) {
            return ShipErrors.settle(e);
        }
        if (!root.path("logistics_online_send_response").path("is_success").asBoolean(false)) {
            throw new PlatformException(PlatformException.Kind.PERMANENT, null,
                    "pdd.logistics.online.send answered without is_success");
        }
        return new ShipAck(false, null);
    }

    /**
     * The daily write-back check reads pdd.order.information.get: {@code order_status} 2 已发货待签收 / 3 已签收 means
     * shipped, {@code tracking_number} the waybill (fields of the order_info sample in sandbox/pdd).
     */
    @Override
    public java.util.Optional<ShippedView> readShipped(FetchedOrder order) {
        JsonNode info = PddWire.read(order.body()).path("order_info_get_response").path("order_info");
        if (!info.has("order_status")) {
            return java.util.Optional.empty();
        }
        String waybill = info.path("tracking_number").asText("");
        int status = info.path("order_status").asInt();
        return java.util.Optional.of(new ShippedView(status == 2 || status == 3,
                waybill.isEmpty() ? java.util.Set.of() : java.util.Set.of(waybill)));
    }

    private static Map<String, String> common(String type, ShopAccess shop, Instant now, boolean withToken) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("type", type);
        p.put("client_id", shop.appKey());
        if (withToken) {
            p.put("access_token", shop.accessToken());
        }
        p.put("timestamp", String.valueOf(now.getEpochSecond()));
        p.put("data_type", "JSON");
        return p;
    }

    private static void paging(Map<String, String> p, PageRequest page) {
        if (page.page() < 1 || page.pageSize() < 1 || page.pageSize() > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("PDD pages from 1 with page_size 1.." + MAX_PAGE_SIZE);
        }
        p.put("page", String.valueOf(page.page()));
        p.put("page_size", String.valueOf(page.pageSize()));
    }

    private static void window(Instant from, Instant to, Duration max) {
        if (to.isBefore(from) || Duration.between(from, to).compareTo(max) > 0) {
            throw new IllegalArgumentException("PDD accepts windows of at most " + max);
        }
    }

    /** The parameters travel as a form body, so the access token never lands in a URL or access log. */
    private static PlatformRequest signed(String type, ShopAccess shop, Map<String, String> p) {
        p.put("sign", PddSign.sign(p, shop.appSecret()));
        return new PlatformRequest(type, PlatformRequest.Base.API, "POST", PddWire.ROUTER, Map.of(), Map.of(),
                PddWire.FORM, PddWire.form(p));
    }
}
