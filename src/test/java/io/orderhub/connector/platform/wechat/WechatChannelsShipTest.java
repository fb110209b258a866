package io.orderhub.connector.platform.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.connector.api.FetchedOrder;
import io.orderhub.connector.api.PlatformException;
import io.orderhub.connector.api.PlatformRequest;
import io.orderhub.connector.api.PlatformResponse;
import io.orderhub.connector.api.Shipment;
import io.orderhub.connector.api.ShippedView;
import io.orderhub.connector.api.ShopAccess;
import io.orderhub.connector.sandbox.SandboxShipment;

/** channels/ec/order/delivery/send and the shipped state read back from order/get. */
class WechatChannelsShipTest {

    static final ShopAccess SHOP = new ShopAccess("wx-1", "wx-shop", "wxappid01", "app-secret", "token-1", null, null);
    private final WechatChannelsApi api = new WechatChannelsApi();

    @Test
    void shipPostsTheDeliveryListWithTheToken() {
        PlatformRequest r = api.ship(SHOP, new Shipment("3705115058471208928", List.of(), "SF123", "SF"),
                Instant.now());
        JsonNode body = WechatJson.read(r.body());
        assertThat(r.path()).isEqualTo("/channels/ec/order/delivery/send");
        assertThat(r.query()).containsEntry("access_token", "token-1");
        assertThat(body.path("order_id").asText()).isEqualTo("3705115058471208928");
        assertThat(body.path("delivery_list").path(0).path("delivery_id").asText()).isEqualTo("SF");
        assertThat(body.path("delivery_list").path(0).path("waybill_id").asText()).isEqualTo("SF123");
        assertThat(body.path("delivery_list").path(0).path("deliver_type").asInt()).isEqualTo(1);
    }

    @Test
    void answersAreRead() {
        assertThat(api.readShip(answer("{\"errcode\":0,\"errmsg\":\"ok\"}")).alreadyShipped()).isFalse();
        assertThat(api.readShip(answer("{\"errcode\":109001,\"errmsg\":\"already delivered\"}")).alreadyShipped())
                .isTrue();
        assertKind("{\"errcode\":9401020,\"errmsg\":\"invalid delivery_id\"}",
                PlatformException.Kind.WRONG_CARRIER_CODE);
        assertKind("{\"errcode\":9401020,\"errmsg\":\"invalid waybill_id\"}", PlatformException.Kind.PERMANENT);
        assertKind("{\"errcode\":42001,\"errmsg\":\"access_token expired\"}", PlatformException.Kind.AUTH_EXPIRED);
        assertKind("{\"errcode\":45011,\"errmsg\":\"api minute-quota reach limit\"}",
                PlatformException.Kind.RATE_LIMITED);
    }

    @Test
    void detailShowsShippedOnlyOnceTheSandboxRecordedAParcel() {
        byte[] template = WechatJson.bytes(WechatJson.resource(WechatChannelsTemplates.DIR + "order_get_response.json")
                .put("ignored", true));
        JsonNode unshipped = WechatJson.read(template);
        ((com.fasterxml.jackson.databind.node.ObjectNode) unshipped.path("order")).put("status", 20);
        byte[] paid = WechatJson.bytes(unshipped);
        assertThat(api.readShipped(new FetchedOrder("1", "application/json", paid, null)))
                .contains(new ShippedView(false, java.util.Set.of()));

        byte[] shipped = WechatChannelsSandboxShipping.withShipments(paid,
                List.of(new SandboxShipment("1", List.of(), "SF999", "SF", Instant.now())));
        assertThat(api.readShipped(new FetchedOrder("1", "application/json", shipped, null)))
                .contains(new ShippedView(true, java.util.Set.of("SF999")));
    }

    private void assertKind(String json, PlatformException.Kind kind) {
        assertThatThrownBy(() -> api.readShip(answer(json))).isInstanceOfSatisfying(PlatformException.class,
                e -> assertThat(e.kind()).isEqualTo(kind));
    }

    static PlatformResponse answer(String json) {
        return new PlatformResponse(200, Map.of(), json.getBytes(StandardCharsets.UTF_8));
    }
}
