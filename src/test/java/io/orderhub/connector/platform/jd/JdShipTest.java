package io.orderhub.connector.platform.jd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.orderhub.connector.api.PlatformException;
import io.orderhub.connector.api.PlatformRequest;
import io.orderhub.connector.api.PlatformResponse;
import io.orderhub.connector.api.Shipment;
import io.orderhub.connector.platform.Wire;

/** jingdong.pop.order.shipment: business parameters in 360buy_param_json, JOS signature, answers and classes. */
class JdShipTest {

    private final JdApi api = new JdApi();

    @Test
    void shipIsASignedJosCall() throws Exception {
        PlatformRequest r = api.ship(JdApiTest.SHOP, new Shipment("301234567890", List.of(), "JDV000123", "467"),
                JdApiTest.NOW);
        Map<String, String> p = Wire.form(r.body());
        JsonNode business = new ObjectMapper().readTree(p.get("360buy_param_json"));

        assertThat(r.operation()).isEqualTo("jingdong.pop.order.shipment");
        assertThat(p).containsEntry("method", "jingdong.pop.order.shipment").containsEntry("access_token", "tok-1");
        assertThat(business.path("order_id").asText()).isEqualTo("301234567890");
        assertThat(business.path("logiCoprId").asText()).isEqualTo("467");
        assertThat(business.path("logiNo").asText()).isEqualTo("JDV000123");
        Map<String, String> unsigned = new LinkedHashMap<>(p);
        unsigned.remove("sign");
        assertThat(p.get("sign")).isEqualTo(JosSign.sign(unsigned, "s3cret"));
    }

    @Test
    void partShipmentsAreRefusedNotSentWhole() {
        assertThatThrownBy(() -> api.ship(JdApiTest.SHOP, new Shipment("1", List.of("a"), "w", "467"), JdApiTest.NOW))
                .isInstanceOfSatisfying(PlatformException.class,
                        e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.PERMANENT));
    }

    @Test
    void answersAreRead() {
        assertThat(api.readShip(answer("{\"jingdong_pop_order_shipment_responce\":{\"code\":\"0\","
                + "\"sopjosshipment_result\":{\"success\":true}}}")).alreadyShipped()).isFalse();
        assertThat(api.readShip(result("订单已发货")).alreadyShipped()).isTrue();
        assertThatThrownBy(() -> api.readShip(result("物流公司ID不正确")))
                .isInstanceOfSatisfying(PlatformException.class,
                        e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.WRONG_CARRIER_CODE));
        assertThatThrownBy(
                () -> api.readShip(answer("{\"error_response\":{\"code\":\"19\",\"en_desc\":\"token expired\"}}")))
                .isInstanceOfSatisfying(PlatformException.class,
                        e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.AUTH_EXPIRED));
    }

    static PlatformResponse result(String chinese) {
        return answer("{\"jingdong_pop_order_shipment_responce\":{\"code\":\"0\",\"sopjosshipment_result\":"
                + "{\"success\":false,\"errorCode\":\"10400001\",\"chineseErrCode\":\"" + chinese + "\"}}}");
    }

    static PlatformResponse answer(String json) {
        return new PlatformResponse(200, Map.of(), json.getBytes(StandardCharsets.UTF_8));
    }
}
