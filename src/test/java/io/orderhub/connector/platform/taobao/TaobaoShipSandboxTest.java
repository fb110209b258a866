package io.orderhub.connector.platform.taobao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.orderhub.connector.api.FetchedOrder;
import io.orderhub.connector.api.PlatformException;
import io.orderhub.connector.api.ShipAck;
import io.orderhub.connector.api.Shipment;
import io.orderhub.connector.api.ShippedView;
import io.orderhub.connector.api.ShopAccess;
import io.orderhub.connector.platform.InMemoryBook;
import io.orderhub.connector.platform.Wire;
import io.orderhub.connector.sandbox.SandboxOrder;
import io.orderhub.connector.sandbox.SandboxShop;
import io.orderhub.ingress.Channel;

/** The client's ship call against the sandbox TOP: accepted, shown on the trade, repeated, refused. */
class TaobaoShipSandboxTest {

    static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
    static final SandboxShop TB = new SandboxShop("tb-1", "示例店", "app-tb", "secret-tb", "sess-tb", "rt-tb", null);
    static final ShopAccess ACCESS = new ShopAccess("tb-1", "示例店", "app-tb", "secret-tb", "sess-tb", "rt-tb", null);

    private final TaobaoSandbox sandbox = new TaobaoSandbox(Clock.fixed(NOW, ZoneOffset.UTC));
    private final TaobaoApi api = new TaobaoApi();
    private final InMemoryBook book = new InMemoryBook(sandbox::renderDetail).shop(TB)
            .order(new SandboxOrder(Channel.TAOBAO, "tb-1", "3900000000000000001", NOW.minusSeconds(3600),
                    NOW.minusSeconds(3600), "WAIT_SELLER_SEND_GOODS", 0));

    ShipAck ship(String carrier, String waybill) {
        return api.readShip(Wire.toClient(sandbox.answer(Wire.toSandbox(api.ship(ACCESS,
                new Shipment("3900000000000000001", List.of(), waybill, carrier), NOW)), book)));
    }

    Optional<ShippedView> shown() {
        FetchedOrder detail = api.readOrderDetail(Wire.toClient(sandbox.answer(Wire.toSandbox(
                api.orderDetail(ACCESS, "3900000000000000001", NOW)), book)));
        return api.readShipped(detail);
    }

    @Test
    void aShipmentIsShownOnTheTradeAndARepeatIsAcknowledged() {
        assertThat(shown()).contains(new ShippedView(false, Set.of()));
        assertThat(ship("SF", "SF1000").alreadyShipped()).isFalse();
        assertThat(shown()).contains(new ShippedView(true, Set.of("SF1000")));
        assertThat(ship("SF", "SF1000").alreadyShipped()).isTrue();
    }

    @Test
    void anUnknownCarrierAndAnExpiredSessionAreClassified() {
        assertThatThrownBy(() -> ship("DBL", "X1")).isInstanceOfSatisfying(PlatformException.class,
                e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.WRONG_CARRIER_CODE));
        book.shipFault("AUTH_EXPIRED");
        assertThatThrownBy(() -> ship("SF", "SF2")).isInstanceOfSatisfying(PlatformException.class,
                e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.AUTH_EXPIRED));
        assertThat(book.shipments("tb-1", "3900000000000000001")).isEmpty();
    }
}
