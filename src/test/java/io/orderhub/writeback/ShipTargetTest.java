package io.orderhub.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.connector.api.PlatformException;
import io.orderhub.execute.CommandTransport;

/** Which sub-orders a parcel names, and how platform errors become failed-store classes. */
class ShipTargetTest {

    static final ShipTarget TAOBAO = new ShipTarget(UUID.randomUUID(), "taobao", "shop-tb", "100", List.of("101",
            "102", "103"));

    @Test
    void aParcelWithEveryLineShipsTheWholeOrder() {
        JsonNode extra = TAOBAO.extra(List.of("101", "102", "103"), "SF1", "SF", "SHIPPED");
        assertThat(extra.path("partial").asBoolean()).isFalse();
        assertThat(extra.path("subOrderIds")).isEmpty();
        assertThat(extra.path("platformOrderId").asText()).isEqualTo("100");
        assertThat(TAOBAO.extra(List.of(), "SF1", "SF", "SHIPPED").path("partial").asBoolean()).isFalse();
    }

    @Test
    void aSplitParcelNamesItsOwnSubOrders() {
        JsonNode first = TAOBAO.extra(List.of("101", "103"), "SF1", "SF", "SHIPPED");
        JsonNode second = TAOBAO.extra(List.of("102"), "YT2", "YTO", "SHIPPED");
        assertThat(first.path("partial").asBoolean()).isTrue();
        assertThat(first.path("subOrderIds").toString()).isEqualTo("[\"101\",\"103\"]");
        assertThat(second.path("subOrderIds").toString()).isEqualTo("[\"102\"]");
        assertThat(second.path("waybillNo").asText()).isEqualTo("YT2");
    }

    @Test
    void kitComponentsNameTheLineTheyWereSplitFrom() throws Exception {
        JsonNode lines = WritebackReaction.JSON.readTree("[{\"lineId\":\"102-c1\",\"sourceLineId\":\"102\"},"
                + "{\"lineId\":\"102-c2\",\"sourceLineId\":\"102\"},{\"lineId\":\"103\"}]");
        assertThat(ShipTarget.lineIdsOf(lines)).containsExactly("102", "103");
    }

    @Test
    void synthesizedLineIdsAreNeverSentAsSubOrders() {
        ShipTarget wechat = new ShipTarget(UUID.randomUUID(), "wechat_channels", "shop-wx", "37051",
                List.of("37051-1", "37051-2"));
        JsonNode extra = wechat.extra(List.of("37051-1"), "SF1", "SF", "SHIPPED");
        assertThat(extra.path("partial").asBoolean()).isTrue();
        assertThat(extra.path("subOrderIds")).isEmpty();
    }

    @Test
    void platformErrorsBecomeFailedStoreClasses() {
        assertThat(failure(PlatformException.Kind.WRONG_CARRIER_CODE)).extracting(CommandTransport.Delivery::errorClass,
                CommandTransport.Delivery::retryable).containsExactly("WRONG_CARRIER_CODE", false);
        assertThat(failure(PlatformException.Kind.AUTH_EXPIRED)).extracting(CommandTransport.Delivery::errorClass,
                CommandTransport.Delivery::retryable).containsExactly("AUTH_EXPIRED", false);
        assertThat(failure(PlatformException.Kind.RATE_LIMITED)).extracting(CommandTransport.Delivery::errorClass,
                CommandTransport.Delivery::retryable).containsExactly("RATE_LIMITED", true);
        assertThat(failure(PlatformException.Kind.TRANSIENT)).extracting(CommandTransport.Delivery::errorClass,
                CommandTransport.Delivery::retryable).containsExactly("PLATFORM_UNAVAILABLE", true);
        assertThat(failure(PlatformException.Kind.PERMANENT).retryable()).isFalse();
    }

    static CommandTransport.Delivery failure(PlatformException.Kind kind) {
        return PlatformTransport.failure(new PlatformException(kind, "x", "y"));
    }
}
