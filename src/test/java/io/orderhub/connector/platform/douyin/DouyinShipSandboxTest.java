package io.orderhub.connector.platform.douyin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.orderhub.connector.api.PlatformException;
import io.orderhub.connector.api.PlatformRequest;
import io.orderhub.connector.api.PlatformResponse;
import io.orderhub.connector.api.ShipAck;
import io.orderhub.connector.api.Shipment;
import io.orderhub.connector.api.ShippedView;
import io.orderhub.connector.api.ShopAccess;
import io.orderhub.connector.platform.InMemoryBook;
import io.orderhub.connector.platform.Wire;
import io.orderhub.connector.sandbox.SandboxOrder;
import io.orderhub.connector.sandbox.SandboxRequest;
import io.orderhub.ingress.Channel;

/** The client's order.logisticsAdd / logisticsAddMultiPack against the sandbox 抖店. */
class DouyinShipSandboxTest {

    static final Instant NOW = Instant.parse("2026-05-01T03:00:00Z");
    static final ShopAccess ACCESS = new ShopAccess("dy-shop", "77977", "7001", "secret-1", "token-1", "refresh-1",
            null);
    static final String ID = "6920000000000000042";

    private final DouyinSandbox sandbox = new DouyinSandbox();
    private final DouyinApi api = new DouyinApi();
    private final InMemoryBook book = new InMemoryBook(sandbox::renderDetail).shop(DouyinSandboxTest.SHOP)
            .order(new SandboxOrder(Channel.DOUYIN, "dy-shop", ID, NOW.minusSeconds(600), NOW.minusSeconds(600), "2",
                    0));

    ShipAck ship(Shipment s) {
        return api.readShip(send(api.ship(ACCESS, s, NOW)));
    }

    /** A JSON body: no form parameters, as the sandbox endpoint hands it over. */
    PlatformResponse send(PlatformRequest r) {
        return Wire.toClient(sandbox.answer(new SandboxRequest(r.method(), r.path(), r.query(), r.headers(),
                r.contentType(), r.body(), Map.of()), book));
    }

    Optional<ShippedView> shown() {
        return api.readShipped(api.readOrderDetail(send(api.orderDetail(ACCESS, ID, NOW))));
    }

    @Test
    void wholeAndMultiPackShipmentsAreShownAndARepeatIsAcknowledged() {
        assertThat(shown()).hasValueSatisfying(v -> assertThat(v.shipped()).isFalse());
        assertThat(ship(new Shipment(ID, List.of(), "SF1", "shunfeng")).alreadyShipped()).isFalse();
        assertThat(ship(new Shipment(ID, List.of("69200000000000000421"), "YT2", "yuantong")).alreadyShipped())
                .isFalse();
        assertThat(shown()).contains(new ShippedView(true, Set.of("SF1", "YT2")));
        assertThat(ship(new Shipment(ID, List.of(), "SF1", "shunfeng")).alreadyShipped()).isTrue();
        assertThat(book.shipments("dy-shop", ID).get(1).subOrderIds()).containsExactly("69200000000000000421");
    }

    @Test
    void anUnknownCompanyAndAnExpiredTokenAreClassified() {
        assertThatThrownBy(() -> ship(new Shipment(ID, List.of(), "X1", "debang")))
                .isInstanceOfSatisfying(PlatformException.class,
                        e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.WRONG_CARRIER_CODE));
        book.shipFault("AUTH_EXPIRED");
        assertThatThrownBy(() -> ship(new Shipment(ID, List.of(), "SF9", "shunfeng")))
                .isInstanceOfSatisfying(PlatformException.class,
                        e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.AUTH_EXPIRED));
    }
}
