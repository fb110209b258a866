package io.orderhub.connector.platform.pdd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.orderhub.connector.api.PlatformException;
import io.orderhub.connector.api.ShipAck;
import io.orderhub.connector.api.Shipment;
import io.orderhub.connector.api.ShippedView;
import io.orderhub.connector.api.ShopAccess;
import io.orderhub.connector.platform.InMemoryBook;
import io.orderhub.connector.platform.Wire;
import io.orderhub.connector.sandbox.SandboxOrder;
import io.orderhub.ingress.Channel;

/** The client's pdd.logistics.online.send against the sandbox PDD: accepted, shown, repeated, refused. */
class PddShipSandboxTest {

    static final Instant NOW = Instant.parse("2026-05-01T03:00:00Z");
    static final ShopAccess ACCESS = new ShopAccess("pdd-shop", "10001", "cid-1", "secret-1", "token-1", "refresh-1",
            null);
    static final String SN = "260501-123456789012345";

    private final PddSandbox sandbox = new PddSandbox();
    private final PddApi api = new PddApi();
    private final InMemoryBook book = new InMemoryBook(sandbox::renderDetail).shop(PddSandboxTest.SHOP)
            .order(new SandboxOrder(Channel.PDD, "pdd-shop", SN, NOW.minusSeconds(600), NOW.minusSeconds(600), "1",
                    0));

    ShipAck ship(String logisticsId, String waybill) {
        return api.readShip(Wire.toClient(sandbox.answer(Wire.toSandbox(api.ship(ACCESS,
                new Shipment(SN, List.of(), waybill, logisticsId), NOW)), book)));
    }

    Optional<ShippedView> shown() {
        return api.readShipped(api.readOrderDetail(Wire.toClient(sandbox.answer(Wire.toSandbox(
                api.orderDetail(ACCESS, SN, NOW)), book))));
    }

    @Test
    void aShipmentIsShownAndARepeatIsAcknowledged() {
        assertThat(shown()).hasValueSatisfying(v -> assertThat(v.shipped()).isFalse());
        assertThat(ship("121", "YD100").alreadyShipped()).isFalse();
        assertThat(shown()).contains(new ShippedView(true, Set.of("YD100")));
        assertThat(ship("121", "YD100").alreadyShipped()).isTrue();
    }

    @Test
    void anUnknownLogisticsIdAndAnExpiredTokenAreClassified() {
        assertThatThrownBy(() -> ship("999", "X1")).isInstanceOfSatisfying(PlatformException.class,
                e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.WRONG_CARRIER_CODE));
        book.shipFault("AUTH_EXPIRED");
        assertThatThrownBy(() -> ship("121", "YD2")).isInstanceOfSatisfying(PlatformException.class,
                e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.AUTH_EXPIRED));
    }
}
