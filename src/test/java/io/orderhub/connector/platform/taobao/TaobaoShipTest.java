package io.orderhub.connector.platform.taobao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.orderhub.connector.api.PlatformException;
import io.orderhub.connector.api.PlatformRequest;
import io.orderhub.connector.api.PlatformResponse;
import io.orderhub.connector.api.ShipAck;
import io.orderhub.connector.api.Shipment;
import io.orderhub.connector.platform.Wire;

/** taobao.logistics.offline.send: parameters, the same TOP signature as every call, answers and their classes. */
class TaobaoShipTest {

    private final TaobaoApi api = new TaobaoApi();

    @Test
    void wholeOrderShipIsASignedOfflineSend() {
        PlatformRequest r = api.ship(TaobaoApiTest.SHOP, new Shipment("3812456790123456789", List.of(),
                "SF1234567890", "SF"), TaobaoApiTest.NOW);
        Map<String, String> p = Wire.form(r.body());

        assertThat(r.operation()).isEqualTo("taobao.logistics.offline.send");
        assertThat(r.path()).isEqualTo("/router/rest");
        assertThat(p).containsEntry("method", "taobao.logistics.offline.send").containsEntry("session", "sess-1")
                .containsEntry("tid", "3812456790123456789").containsEntry("out_sid", "SF1234567890")
                .containsEntry("company_code", "SF").doesNotContainKeys("sub_tid", "is_split");
        Map<String, String> unsigned = new LinkedHashMap<>(p);
        unsigned.remove("sign");
        assertThat(p.get("sign")).isEqualTo(TopSign.sign(unsigned, "s3cret", TopSign.HMAC_SHA256));
    }

    @Test
    void partShipmentNamesTheSubOrders() {
        Map<String, String> p = Wire.form(api.ship(TaobaoApiTest.SHOP, new Shipment("100", List.of("101", "102"),
                "YT123", "YTO"), Instant.now()).body());
        assertThat(p).containsEntry("sub_tid", "101,102").containsEntry("is_split", "1");
    }

    @Test
    void successAndAlreadyShippedAreAcknowledged() {
        assertThat(api.readShip(answer("{\"logistics_offline_send_response\":{\"shipping\":{\"is_success\":true}}}")))
                .isEqualTo(new ShipAck(false, null));
        ShipAck again = api.readShip(error(15, "isv.logistics-offline-service-error", "订单已发货，不能重复发货"));
        assertThat(again.alreadyShipped()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"15,isv.logistics-offline-service-error,物流公司不存在或不支持,WRONG_CARRIER_CODE",
            "27,invalid-sessionkey,SessionKey非法,AUTH_EXPIRED",
            "7,accesscontrol.limited-by-app-access-count,,RATE_LIMITED",
            "15,isp.top-remote-connection-timeout,timeout,TRANSIENT", "15,isv.invalid-parameter,运单号不符合规则,PERMANENT"})
    void errorsAreClassified(int code, String sub, String msg, PlatformException.Kind kind) {
        assertThatThrownBy(() -> api.readShip(error(code, sub, msg == null ? "" : msg)))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.kind()).isEqualTo(kind));
    }

    static PlatformResponse answer(String json) {
        return new PlatformResponse(200, Map.of(), json.getBytes(StandardCharsets.UTF_8));
    }

    static PlatformResponse error(int code, String sub, String subMsg) {
        return answer("{\"error_response\":{\"code\":" + code + ",\"msg\":\"Remote service error\",\"sub_code\":\""
                + sub + "\",\"sub_msg\":\"" + subMsg + "\"}}");
    }
}
