package io.orderhub.connector;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.orderhub.connector.sandbox.SandboxFaults;
import io.orderhub.connector.sandbox.SandboxGenerator;
import io.orderhub.connector.sandbox.SandboxOrder;
import io.orderhub.connector.sandbox.SandboxState;
import io.orderhub.connector.sandbox.SandboxTraffic;
import io.orderhub.ingress.Channel;
import io.orderhub.ingress.ShopRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The capture paths against the sandbox platform over real HTTP: thin pushes fetched in full, pushes dropped and
 * recovered by polling and reconciliation, window boundaries, a poll that fails mid-window, a dead pod's lease, the
 * platform's rate limit, token renewal, retries and parking of fetches.
 */
@QuarkusTest
class ConnectorFlowTest {

    static final String ADMIN = "Bearer orderhub-demo-admin-token";
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Inject
    SandboxGenerator generator;
    @Inject
    SandboxState sandbox;
    @Inject
    SandboxFaults faults;
    @Inject
    SandboxTraffic traffic;
    @Inject
    Poller poller;
    @Inject
    Reconciler reconciler;
    @Inject
    PollCheckpoints checkpoints;
    @Inject
    ShopRegistry shops;
    @Inject
    StoredOrders stored;
    @Inject
    ShopCredentials credentials;
    @Inject
    DataSource dataSource;

    @AfterEach
    void noFaults() {
        faults.set(SandboxFaults.Settings.NONE);
    }

    ShopRegistry.Shop shop(String key) {
        return shops.byKey(key).orElseThrow();
    }

    int storedOf(Channel channel, List<String> ids) {
        return stored.modifiedTimes(channel.code(), ids).size();
    }

    static SandboxFaults.Settings drop(double share, long seed) {
        return new SandboxFaults.Settings(share, 0, 0, 0, 0, "SERVER_ERROR", seed);
    }

    /** Polls until the shop's poll has run past {@code after} (the window end trails now by the poll lag). */
    Poller.Result pollPast(ShopRegistry.Shop shop, Instant after) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> poller.poll(shop, Duration.ZERO),
                r -> "ok".equals(r.outcome()) && r.checkpoint() != null && r.checkpoint().isAfter(after));
    }

    @Test
    void aThinPushIsFetchedInFullArchivedLinkedAndMapped() {
        SandboxGenerator.Generated g = generator.generate("test-wechat", 1, Instant.now(), Duration.ZERO, true);
        assertThat(g.pushed()).isEqualTo(1);
        String id = g.orderIds().get(0);
        await().atMost(Duration.ofSeconds(30)).until(() -> storedOf(Channel.WECHAT_CHANNELS, List.of(id)) == 1);

        // the thin notice: settled with the order's outcome, linked to the archived full order
        String notice = query("SELECT receipt_id::text FROM platform_fetch WHERE platform_order_id = ?", id).get(0);
        JsonPath receipt = given().get("/api/v1/receipts/" + notice).then().statusCode(200).extract().jsonPath();
        assertThat(receipt.getString("state")).isEqualTo("MAPPED");
        assertThat(receipt.getString("hubOrderId")).isNotNull();
        assertThat(receipt.getString("fetch.state")).isEqualTo("DONE");
        String full = receipt.getString("fetch.fullReceiptId");
        assertThat(query("SELECT headers->>'x-orderhub-notice-receipt' FROM raw_receipt WHERE receipt_id = ?::uuid",
                full)).containsExactly(notice);
        assertThat(query("SELECT auth_kind FROM raw_receipt WHERE receipt_id = ?::uuid", full))
                .containsExactly(FetchedArchive.AUTH_KIND);
        JsonPath order = given().get("/api/v1/orders/" + receipt.getString("hubOrderId")).then().statusCode(200)
                .extract().jsonPath();
        assertThat(order.getString("platformOrderId")).isEqualTo(id);
    }

    @Test
    void droppedPushesAreRecoveredByPollingAndReconciliation() {
        ShopRegistry.Shop shop = shop("test-wechat");
        // the shop is polled from now on: yesterday's orders lie behind its first window
        pollPast(shop, Instant.now().minusSeconds(5));

        faults.set(drop(0.4, 7));
        LocalDate yesterday = LocalDate.now(SHANGHAI).minusDays(1);
        SandboxGenerator.Generated old = generator.generate("test-wechat", 30,
                yesterday.atTime(10, 0).atZone(SHANGHAI).toInstant(), Duration.ofMinutes(7), true);
        assertThat(old.dropped()).isBetween(5, 25);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> storedOf(Channel.WECHAT_CHANNELS, old.orderIds()) == old.pushed());
        pollPast(shop, Instant.now());
        assertThat(storedOf(Channel.WECHAT_CHANNELS, old.orderIds())).as("polling never reaches yesterday")
                .isEqualTo(old.pushed());

        Reconciler.Result run = reconciler.reconcile(shop, yesterday);
        assertThat(run.state()).isEqualTo("RECOVERED");
        assertThat(run.expected()).isGreaterThanOrEqualTo(30);
        assertThat(run.recovered()).isEqualTo(old.dropped());
        assertThat(storedOf(Channel.WECHAT_CHANNELS, old.orderIds())).isEqualTo(30);
        JsonPath alerts = given().header("Authorization", ADMIN).queryParam("kind", "RECONCILE_MISSING")
                .get("/api/v1/alerts").then().statusCode(200).extract().jsonPath();
        assertThat(alerts.getList("items.subject", String.class))
                .anyMatch(s -> s.startsWith("test-wechat " + yesterday));
        JsonPath runs = given().header("Authorization", ADMIN).queryParam("shop", "test-wechat")
                .queryParam("day", yesterday.toString()).get("/api/v1/admin/reconciliations").then().statusCode(200)
                .extract().jsonPath();
        assertThat(runs.getList("items.state", String.class)).contains("RECOVERED");

        // today's orders, pushes dropped again: the poller finds the ones whose push never came
        Instant now = Instant.now();
        SandboxGenerator.Generated fresh = generator.generate("test-wechat", 30, now, Duration.ofMillis(20), true);
        assertThat(fresh.dropped()).isPositive();
        pollPast(shop, now.plusSeconds(1));
        await().atMost(Duration.ofSeconds(60)).until(() -> storedOf(Channel.WECHAT_CHANNELS, fresh.orderIds()) == 30);

        // and the next night finds nothing missing
        Reconciler.Result again = reconciler.reconcile(shop, yesterday);
        assertThat(again.state()).isEqualTo("OK");
        assertThat(again.found()).isEqualTo(again.expected());
    }

    @Test
    void anOrderIndexedLateAtTheWindowBoundaryIsCaughtByTheOverlap() {
        ShopRegistry.Shop shop = shop("test-youzan-api");
        Poller.Result first = pollPast(shop, Instant.now().minusSeconds(3));
        // platforms keep whole seconds
        Instant boundary = first.checkpoint().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        // orders the platform shows only after the window was read: one exactly at its end, one just inside
        String atEnd = generator.newOrderId(Channel.YOUZAN);
        String inside = generator.newOrderId(Channel.YOUZAN);
        sandbox.put(new SandboxOrder(Channel.YOUZAN, shop.key(), atEnd, boundary, boundary, "WAIT_SELLER_SEND_GOODS",
                0));
        Instant before = boundary.minusSeconds(2);
        sandbox.put(new SandboxOrder(Channel.YOUZAN, shop.key(), inside, before, before, "WAIT_SELLER_SEND_GOODS",
                1));

        pollPast(shop, boundary.plusSeconds(1));
        Map<String, Object> view = checkpoints.view(shop.key()).orElseThrow();
        assertThat(Instant.parse((String) view.get("lastWindowStart"))).isBefore(before);
        await().atMost(Duration.ofSeconds(30)).until(() -> storedOf(Channel.YOUZAN, List.of(atEnd, inside)) == 2);
    }

    @Test
    void aPollThatFailsMidWindowKeepsItsCheckpointAndTheNextRunStoresEverything() {
        ShopRegistry.Shop shop = shop("test-taobao-api");
        Instant checkpoint = pollPast(shop, Instant.now().minusSeconds(3)).checkpoint();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = generator.newOrderId(Channel.TAOBAO);
            Instant t = checkpoint.minusMillis(4000 - i * 300L);
            sandbox.put(new SandboxOrder(Channel.TAOBAO, shop.key(), id, t, t, "WAIT_SELLER_SEND_GOODS", i));
            ids.add(id);
        }
        // the next window must reach past the checkpoint (windows end on whole seconds, one poll lag behind now)
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().minusSeconds(1)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).isAfter(checkpoint));
        // the platform fails on the 7th call of the run (one list call, five details): the window is half stored
        faults.set(new SandboxFaults.Settings(0, 0, 0, 0, 0, "SERVER_ERROR", 1), "taobao");
        faults.failAfter(6, 1);
        Poller.Result failed = poller.poll(shop, Duration.ZERO);
        assertThat(failed.outcome()).isEqualTo("error");
        assertThat(checkpoints.view(shop.key()).orElseThrow().get("checkpoint")).isEqualTo(checkpoint.toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> storedOf(Channel.TAOBAO, ids) >= 1);
        assertThat(storedOf(Channel.TAOBAO, ids)).isLessThan(12);

        Poller.Result rerun = pollPast(shop, checkpoint);
        assertThat(rerun.outcome()).isEqualTo("ok");
        await().atMost(Duration.ofSeconds(30)).until(() -> storedOf(Channel.TAOBAO, ids) == 12);
    }

    @ParameterizedTest
    @CsvSource({"test-taobao-api,TAOBAO,WAIT_SELLER_SEND_GOODS", "test-jd-api,JD,WAIT_SELLER_STOCK_OUT",
            "test-pdd-api,PDD,1", "test-youzan-api,YOUZAN,WAIT_SELLER_SEND_GOODS", "test-douyin-api,DOUYIN,2",
            "test-wechat,WECHAT_CHANNELS,20"})
    void everyPlatformsOrdersArePolledSignedFetchedAndMapped(String shopKey, Channel channel, String paid) {
        ShopRegistry.Shop shop = shop(shopKey);
        Instant checkpoint = pollPast(shop, Instant.now().minusSeconds(3)).checkpoint();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = generator.newOrderId(channel);
            Instant t = checkpoint.minusSeconds(3 - i);
            sandbox.put(new SandboxOrder(channel, shopKey, id, t, t, paid, i));
            ids.add(id);
        }
        pollPast(shop, checkpoint.plusSeconds(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> storedOf(channel, ids) == 3);
    }

    @Test
    void aDouyinThinPushIsSignedAcceptedAndFetchedInFull() {
        SandboxGenerator.Generated g = generator.generate("test-douyin-api", 2, Instant.now(), Duration.ZERO, true);
        assertThat(g.pushed()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> storedOf(Channel.DOUYIN, g.orderIds()) == 2);
    }

    @Test
    void aDeadPodsLeaseLapsesAndAnotherPodTakesOver() {
        ShopRegistry.Shop shop = shop("test-youzan-api");
        assertThat(checkpoints.acquire(shop.key(), "youzan", "dead-pod", Duration.ofSeconds(2), Duration.ZERO))
                .isPresent();
        assertThat(poller.poll(shop, Duration.ZERO).outcome()).isEqualTo("skipped");
        await().atMost(Duration.ofSeconds(20)).until(() -> "ok".equals(poller.poll(shop, Duration.ZERO).outcome()));
    }

    @Test
    void thePlatformsRateLimitIsKeptUnderLoad() {
        ShopRegistry.Shop shop = shop("test-rate");
        Instant t = Instant.now().minusSeconds(4);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = generator.newOrderId(Channel.WECHAT_CHANNELS);
            sandbox.put(new SandboxOrder(Channel.WECHAT_CHANNELS, shop.key(), id, t, t, "20", i));
            ids.add(id);
        }
        faults.set(new SandboxFaults.Settings(0, 0, 0, 0, 0, "SERVER_ERROR", 1));
        traffic.reset();
        Poller.Result result = poller.poll(shop, Duration.ZERO);
        assertThat(result.outcome()).isEqualTo("ok");
        assertThat(result.fetched()).isEqualTo(20);
        @SuppressWarnings("unchecked")
        Map<String, Object> wechat = (Map<String, Object>) traffic.snapshot().get("wechat_channels");
        // 4 per second configured, calls spaced 250 ms apart; one more allowed for network jitter between the
        // hub's send and the sandbox's count
        assertThat(((Number) wechat.get("requests")).intValue()).isGreaterThanOrEqualTo(21);
        assertThat(((Number) wechat.get("maxPerSecond")).intValue()).isLessThanOrEqualTo(5);
    }

    @Test
    void anExpiredTokenIsRenewedOnceAndKeptEncrypted() {
        sandbox.revokeToken("test-wechat");
        SandboxGenerator.Generated g = generator.generate("test-wechat", 1, Instant.now(), Duration.ZERO, true);
        await().atMost(Duration.ofSeconds(30)).until(() -> storedOf(Channel.WECHAT_CHANNELS, g.orderIds()) == 1);
        String token = credentials.access("test-wechat").orElseThrow().accessToken();
        assertThat(token).startsWith("sbx-");
        byte[] sealed = bytes("SELECT access_token_enc FROM shop_credential WHERE shop_key = 'test-wechat'");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(token);
        JsonPath view = given().header("Authorization", ADMIN)
                .get("/api/v1/admin/connectors/test-wechat/credentials").then().statusCode(200).extract().jsonPath();
        assertThat(view.getBoolean("accessToken")).isTrue();
        assertThat(view.getBoolean("encryptedAtRest")).isTrue();
        assertThat(view.prettify()).doesNotContain(token).doesNotContain("test-wechat-secret");
    }

    @Test
    void transientFetchErrorsAreRetriedAndAnOrderThePlatformDoesNotKnowParksUntilReplayed() {
        // the two failures are for this shop's fetch; the hub's other work meanwhile calls other sandbox platforms
        faults.set(new SandboxFaults.Settings(0, 0, 0, 0, 2, "SERVER_ERROR", 1), "wechat_channels");
        SandboxGenerator.Generated g = generator.generate("test-wechat", 1, Instant.now(), Duration.ZERO, true);
        await().atMost(Duration.ofSeconds(30)).until(() -> storedOf(Channel.WECHAT_CHANNELS, g.orderIds()) == 1);
        assertThat(query("SELECT attempts::text FROM platform_fetch WHERE platform_order_id = ?", g.orderIds().get(0)))
                .containsExactly("3");

        String ghost = generator.newOrderId(Channel.WECHAT_CHANNELS);
        Instant now = Instant.now();
        SandboxOrder missing = new SandboxOrder(Channel.WECHAT_CHANNELS, "test-wechat", ghost, now, now, "20", 0);
        assertThat(generator.push("test-wechat", missing)).isTrue();
        String notice = await().atMost(Duration.ofSeconds(30)).until(
                () -> query(
                        "SELECT receipt_id::text FROM platform_fetch WHERE platform_order_id = ? AND state = 'FAILED'",
                        ghost),
                l -> l.size() == 1).get(0);
        JsonPath parked = given().get("/api/v1/receipts/" + notice).then().statusCode(200).extract().jsonPath();
        assertThat(parked.getString("state")).isEqualTo("PARKED");
        assertThat(parked.getString("reason")).startsWith("fetch_failed: NOT_FOUND");

        // the platform has it after all: a replay fetches again
        sandbox.put(missing);
        given().header("Authorization", ADMIN).post("/api/v1/receipts/" + notice + "/replay").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> "MAPPED".equals(
                given().get("/api/v1/receipts/" + notice).then().extract().jsonPath().getString("state")));
    }

    @Test
    void aPlatformSlowerThanTheTimeoutIsCutOffAndTheFetchRetried() {
        faults.set(new SandboxFaults.Settings(0, 0, 0, 4000, 0, "SERVER_ERROR", 1));
        SandboxGenerator.Generated g = generator.generate("test-wechat", 1, Instant.now(), Duration.ZERO, true);
        String id = g.orderIds().get(0);
        String error = await().atMost(Duration.ofSeconds(30)).until(() -> query(
                "SELECT coalesce(last_error, '') FROM platform_fetch WHERE platform_order_id = ? AND attempts >= 1",
                id),
                l -> !l.isEmpty()).get(0);
        assertThat(error).startsWith("fetch_failed: TRANSIENT io:").containsIgnoringCase("timeout");
        faults.set(SandboxFaults.Settings.NONE);
        await().atMost(Duration.ofSeconds(30)).until(() -> storedOf(Channel.WECHAT_CHANNELS, List.of(id)) == 1);
        // the requests the hub gave up on are still sleeping in the sandbox: let them finish before the next test's
        // faults (they are counted when they complete), so none of them takes a fault meant for another test
        java.util.concurrent.atomic.AtomicReference<String> last = new java.util.concurrent.atomic.AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).during(Duration.ofSeconds(5)).until(() -> {
            String now = traffic.snapshot().toString();
            return now.equals(last.getAndSet(now));
        });
    }

    @Test
    void connectorsAreVisibleToOperatorsAndClosedToOthers() {
        given().get("/api/v1/admin/connectors").then().statusCode(401);
        JsonPath list = given().header("Authorization", ADMIN).get("/api/v1/admin/connectors").then().statusCode(200)
                .extract().jsonPath();
        assertThat(list.getList("items.shopKey", String.class)).contains("test-wechat", "demo-taobao", "demo-jd");
        given().header("Authorization", ADMIN).post("/api/v1/admin/connectors/demo-pos/poll").then().statusCode(409);
        given().header("Authorization", ADMIN).post("/api/v1/admin/connectors/no-such-shop/poll").then()
                .statusCode(404);
        given().header("Authorization", ADMIN).post("/api/v1/admin/connectors/test-youzan-api/reconcile?day=11-11")
                .then().statusCode(400);
    }

    private List<String> query(String sql, String param) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] bytes(String sql) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBytes(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
