package io.orderhub.connector.platform.youzan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.orderhub.connector.api.PlatformException;
import io.orderhub.connector.api.PlatformRequest;
import io.orderhub.connector.api.PlatformResponse;
import io.orderhub.connector.api.Shipment;
import io.orderhub.connector.api.ShopAccess;

/** youzan.logistics.online.confirm: parameters, token in the query, answers and classes. */
class YouzanShipTest {

    static final ShopAccess SHOP = new ShopAccess("yz-1", "13027865", "cid", "the-secret", "yz-token", null, null);
    private final YouzanApi api = new YouzanApi();

    @Test
    void partShipmentNamesOids() throws Exception {
        PlatformRequest r = api.ship(SHOP, new Shipment("E2024", List.of("o1", "o2"), "YT1", "2"), Instant.now());
        JsonNode body = new ObjectMapper().readTree(r.body());
        assertThat(r.path()).isEqualTo("/api/youzan.logistics.online.confirm/3.0.0");
        assertThat(r.query()).containsEntry("access_token", "yz-token");
        assertThat(body.path("tid").asText()).isEqualTo("E2024");
        assertThat(body.path("oids").asText()).isEqualTo("o1,o2");
        assertThat(body.path("out_stype").asText()).isEqualTo("2");
        assertThat(body.path("out_sid").asText()).isEqualTo("YT1");
        assertThat(body.path("is_no_express").asInt()).isZero();
    }

    @Test
    void answersAreRead() {
        assertThat(api.readShip(answer("{\"success\":true,\"code\":200,\"data\":{\"is_success\":true}}"))
                .alreadyShipped()).isFalse();
        assertThat(api.readShip(answer("{\"success\":false,\"code\":101000,\"message\":\"订单已发货\"}"))
                .alreadyShipped()).isTrue();
        assertThatThrownBy(() -> api.readShip(answer("{\"gw_err_resp\":{\"err_code\":4203,\"err_msg\":\"token过期\"}}")))
                .isInstanceOfSatisfying(PlatformException.class,
                        e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.AUTH_EXPIRED));
    }

    static PlatformResponse answer(String json) {
        return new PlatformResponse(200, Map.of(), json.getBytes(StandardCharsets.UTF_8));
    }
}
