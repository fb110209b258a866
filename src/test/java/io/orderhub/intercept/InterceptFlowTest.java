package io.orderhub.intercept;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.orderhub.execute.sandbox.DownstreamControl;
import io.orderhub.execute.sandbox.DownstreamEvents;
import io.orderhub.execute.sandbox.DownstreamSandbox;
import io.orderhub.execute.sandbox.DownstreamSystem;
import io.orderhub.execute.sandbox.InterceptSandbox;
import io.orderhub.execute.sandbox.StatusEvent;
import io.orderhub.status.StatusChange;
import io.orderhub.support.PostgresTestResource;
import io.orderhub.support.ReadyOrders;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Issue 7's interception on real intake, outbox, dispatcher and sandbox: the reaction is called the way the status
 * backbone calls it (in a transaction, with a {@link StatusChange}); everything after is the hub's own flow.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class InterceptFlowTest {

    static final String ADMIN = ReadyOrders.ADMIN;

    @Inject
    InterceptReaction reaction;
    @Inject
    DownstreamSandbox downstream;
    @Inject
    InterceptSandbox intercepts;
    @Inject
    DownstreamEvents events;
    @Inject
    DataSource dataSource;

    @AfterEach
    void healthy() {
        for (DownstreamSystem s : DownstreamSystem.values()) {
            downstream.control(s, DownstreamControl.NONE);
        }
    }

    @Test
    void aRefundBeforeShipmentCancelsTheOutboundOnceAndReleasesTheReservation() throws Exception {
        String id = readyOrder();
        await().atMost(Duration.ofSeconds(30)).until(() -> allSent(id));
        assertThat(reserved(id)).isPositive();
        String orderCode = wmsOrderCode(id);

        StatusChange change = refund(id, "ALLOCATED", null, null);
        react(change);

        JsonPath view = await().atMost(Duration.ofSeconds(30)).until(() -> interception(id),
                v -> "RELEASED".equals(v.getString("state")));
        assertThat(view.getString("path")).isEqualTo("BEFORE_SHIPMENT");
        assertThat(view.getString("steps.wmsCancelledAt")).isNotNull();
        assertThat(view.getList("detail.wmsCancels", String.class)).containsExactly(orderCode);
        assertThat(command(id, "wms-cancel")).containsExactly("SENT", "1");
        assertThat(intercepts.cancelRequests(orderCode)).isEqualTo(1);
        assertThat(reserved(id)).isZero();
        assertThat(one("SELECT cause FROM stock_release WHERE hub_order_id = ? AND cause = 'CANCELLED'", id))
                .isEqualTo("CANCELLED");
        assertThat(systems(id)).doesNotContain("carrier-intercept", "finance-reverse");

        // the same change again (a redelivered event), and the REFUNDING that follows: nothing new is planned
        int before = commands(id).size();
        react(change);
        react(new StatusChange(UUID.fromString(id), "ALLOCATED", "ALLOCATED", "wms", "REFUND_REQUESTED",
                "REFUNDING", "platform", "taobao", null, null, Instant.now()));
        assertThat(commands(id)).hasSize(before);
        assertThat(intercepts.cancelRequests(orderCode)).isEqualTo(1);

        // the platform then rejects the refund: the outbound is gone, a person must decide
        react(new StatusChange(UUID.fromString(id), "ALLOCATED", "ALLOCATED", "wms", "REFUNDING", "REFUND_REJECTED",
                "platform", "taobao", null, null, Instant.now()));
        assertThat(given().header("Authorization", ADMIN).queryParam("kind", "INTERCEPT_REFUND_REJECTED")
                .get("/api/v1/alerts").then().statusCode(200).extract().jsonPath()
                .getList("items.subject", String.class)).anyMatch(s -> s.contains(id) && s.contains("RELEASED"));
        assertThat(commands(id)).hasSize(before);
    }

    @Test
    void aRefundAfterShipmentAsksTheCarrierToInterceptAndReversesTheReceivable() throws Exception {
        String id = readyOrder();
        await().atMost(Duration.ofSeconds(30)).until(() -> allSent(id));
        String waybill = one("SELECT waybill_no FROM waybill WHERE hub_order_id = ?::uuid", id);
        events.emit(DownstreamSystem.WMS,
                new StatusEvent(StatusEvent.Kind.OUTBOUND, waybill, wmsOrderCode(id), Instant.now()));

        react(refund(id, "SHIPPED", waybill, "YTO"));

        JsonPath view = await().atMost(Duration.ofSeconds(30)).until(() -> interception(id),
                v -> "REVERSAL_POSTED".equals(v.getString("state")));
        assertThat(view.getString("path")).isEqualTo("AFTER_SHIPMENT");
        assertThat(view.getString("steps.carrierAcceptedAt")).isNotNull();
        assertThat(intercepts.intercept(waybill)).hasValueSatisfying(
                i -> assertThat(i.get("interceptType")).isEqualTo("RETURN_SEND_ADDR"));
        assertThat(command(id, "carrier-intercept")).containsExactly("SENT", "1");
        String receivable = key(id, "finance");
        String reversal = key(id, "finance-reverse");
        assertThat(downstream.record(DownstreamSystem.FINANCE, reversal)).hasValueSatisfying(r -> {
            assertThat(r.attributes().get("originalBizNo")).isEqualTo(receivable);
            assertThat(r.attributes().get("amount")).startsWith("-");
        });
        assertThat(systems(id)).doesNotContain("wms-cancel");
        // shipped goods are not the reservation's any more: nothing is released
        assertThat(reserved(id)).isPositive();
    }

    @Test
    void aWmsThatHasShippedRefusesTheCancelOnceAndTheCarrierPathRuns() throws Exception {
        String id = readyOrder();
        await().atMost(Duration.ofSeconds(30)).until(() -> allSent(id));
        String orderCode = wmsOrderCode(id);
        String waybill = one("SELECT waybill_no FROM waybill WHERE hub_order_id = ?::uuid", id);
        // the WMS has shipped, but the hub's answer has not heard of it yet
        events.emit(DownstreamSystem.WMS, new StatusEvent(StatusEvent.Kind.OUTBOUND, waybill, orderCode,
                Instant.now()));

        react(refund(id, "ALLOCATED", null, null));

        JsonPath view = await().atMost(Duration.ofSeconds(30)).until(() -> interception(id),
                v -> "REVERSAL_POSTED".equals(v.getString("state")));
        assertThat(view.getString("steps.tooLateAt")).isNotNull();
        assertThat(view.getString("steps.releasedAt")).isNull();
        String[] cancel = command(id, "wms-cancel");
        assertThat(cancel[0]).isEqualTo("FAILED");
        assertThat(cancel[1]).as("refused for good: not retried").isEqualTo("1");
        assertThat(one("SELECT error_class FROM outbox_command WHERE hub_order_id = ?::uuid AND system = 'wms-cancel'",
                id)).isEqualTo("REFUSED:" + InterceptSandbox.ALREADY_SHIPPED);
        assertThat(intercepts.cancelRequests(orderCode)).isEqualTo(1);
        assertThat(intercepts.intercept(waybill)).isPresent();
        assertThat(command(id, "finance-reverse")[0]).isEqualTo("SENT");
        assertThat(reserved(id)).isPositive();
    }

    @Test
    void aRefundWhileTheCreateCannotReachTheWmsDiscardsItAndReleases() throws Exception {
        downstream.control(DownstreamSystem.WMS, new DownstreamControl(true, 0, 0, Set.of(), 0, 1));
        String id = readyOrder();
        // the WMS is down: the create fails until it lands in the failed-command store
        await().atMost(Duration.ofSeconds(60)).until(() -> "FAILED".equals(command(id, "wms")[0]));

        react(refund(id, "PAID", null, null));

        assertThat(command(id, "wms")[0]).isEqualTo("DISCARDED");
        assertThat(systems(id)).doesNotContain("wms-cancel");
        downstream.control(DownstreamSystem.WMS, DownstreamControl.NONE);
        JsonPath view = await().atMost(Duration.ofSeconds(30)).until(() -> interception(id),
                v -> "RELEASED".equals(v.getString("state")));
        assertThat(view.getList("detail.discardedCommands", String.class)).containsExactly(key(id, "wms"));
        assertThat(reserved(id)).isZero();
        // a discarded create is out of the failed store: a re-drive cannot bring it back
        given().header("Authorization", ADMIN)
                .post("/api/v1/admin/commands/" + one(
                        "SELECT command_id FROM outbox_command WHERE hub_order_id = ?::uuid AND system = 'wms'", id)
                        + "/redrive")
                .then().statusCode(404);
    }

    @Test
    void aCreateWhoseLastAttemptTimedOutIsBothDiscardedAndCancelled() throws Exception {
        String id = readyOrder();
        await().atMost(Duration.ofSeconds(30)).until(() -> allSent(id));
        String orderCode = wmsOrderCode(id);
        // as if the WMS took the create but its answer never came: back to PENDING, due much later
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE outbox_command SET state = 'PENDING', attempts = 1,"
                        + " error_class = 'TIMEOUT', next_attempt_at = now() + interval '1 hour'"
                        + " WHERE hub_order_id = ?::uuid AND system = 'wms'")) {
            ps.setString(1, id);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }

        react(refund(id, "ALLOCATED", null, null));

        assertThat(command(id, "wms")[0]).as("never sent again").isEqualTo("DISCARDED");
        JsonPath view = await().atMost(Duration.ofSeconds(30)).until(() -> interception(id),
                v -> "RELEASED".equals(v.getString("state")));
        assertThat(view.getList("detail.wmsCancels", String.class)).containsExactly(orderCode);
        assertThat(intercepts.cancelRequests(orderCode)).isEqualTo(1);
        assertThat(reserved(id)).isZero();
    }

    @Test
    void anOrderWithoutInterceptionAnswers404() {
        given().get("/api/v1/orders/" + UUID.randomUUID() + "/interception").then().statusCode(404);
    }

    static StatusChange refund(String id, String answer, String waybill, String carrier) {
        return new StatusChange(UUID.fromString(id), answer, answer, "wms", "NONE", "REFUND_REQUESTED", "platform",
                "taobao", waybill, carrier, Instant.parse("2026-11-12T08:00:00Z"));
    }

    void react(StatusChange change) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            reaction.onChange(c, change);
            c.commit();
        }
    }

    static JsonPath interception(String id) {
        return given().get("/api/v1/orders/" + id + "/interception").then().extract().jsonPath();
    }

    static String readyOrder() throws Exception {
        return ReadyOrders.readyOrder("icpt-");
    }

    List<String[]> commands(String id) {
        return ReadyOrders.commands(dataSource, id);
    }

    boolean allSent(String id) {
        List<String[]> c = commands(id);
        return !c.isEmpty() && c.stream().allMatch(r -> "SENT".equals(r[2]));
    }

    List<String> systems(String id) {
        return commands(id).stream().map(r -> r[1]).toList();
    }

    /** State and attempts of the order's (only) command to a system. */
    String[] command(String id, String system) {
        String[] row = commands(id).stream().filter(r -> r[1].equals(system)).findFirst().orElseThrow();
        return new String[]{row[2], row[3]};
    }

    String key(String id, String system) {
        return commands(id).stream().filter(r -> r[1].equals(system)).findFirst().orElseThrow()[0];
    }

    String wmsOrderCode(String id) {
        return one("SELECT payload -> 'deliveryOrder' ->> 'deliveryOrderCode' FROM outbox_command"
                + " WHERE hub_order_id = ?::uuid AND system = 'wms'", id);
    }

    long reserved(String id) {
        return Long.parseLong(one("SELECT coalesce(sum(quantity), 0) FROM stock_reservation"
                + " WHERE hub_order_id = ?", id));
    }

    String one(String sql, String param) {
        return ReadyOrders.one(dataSource, sql, param);
    }
}
