package io.orderhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.orderhub.support.Fixtures;

/**
 * The durability promise end to end: 20,000 real-shaped orders from 32 concurrent clients, the hub (and its store)
 * killed with SIGKILL mid-stream, restarted, the unacknowledged orders sent again. Every order that got a 202 must be
 * stored exactly once, intact, and processed exactly once.
 */
class CrashRecoveryIT {

    static final int ORDERS = 20_000;
    static final int CLIENTS = 32;
    static final int KILL_AFTER_ACKS = 7_000;
    static final Pattern RECEIPT = Pattern.compile("\"receiptId\":\"([0-9a-f-]{36})\",\"duplicate\":(true|false)");
    static final String[][] SOURCES = {{"taobao", "taobao__trade_fullinfo_get_response_jdp_rds_captured.json"},
            {"jd", "jd__pop_order_orderInfo_captured.json"},
            {"pdd", "pdd__cloud_dts_order_information_get_response_docsample.json"},
            {"douyin", "douyin_doudian__order_orderDetail_response.json"},
            {"wechat_channels", "wechat_channels__order_get_response.json"},
            {"kuaishou", "kuaishou__push_kwaishop_order_addOrder_decrypted_captured.json"}};

    @TempDir
    Path dataDir;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    record Order(String channel, byte[] body, String sha256) {
    }

    @Test
    void everyAcknowledgedOrderSurvivesAKillAndIsProcessedExactlyOnce() throws Exception {
        List<Order> orders = orders();
        Map<Integer, String> acked = new ConcurrentHashMap<>();
        HubProcess hub = new HubProcess(dataDir).start();

        AtomicInteger ackCount = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            running.add(clients.submit(() -> {
                for (int i = next.getAndIncrement(); i < ORDERS; i = next.getAndIncrement()) {
                    int index = i;
                    send(hub, orders.get(i)).ifPresent(ack -> {
                        acked.put(index, ack.receiptId);
                        ackCount.incrementAndGet();
                    });
                }
                return null;
            }));
        }
        await("acks before the kill").atMost(Duration.ofMinutes(3)).until(() -> ackCount.get() >= KILL_AFTER_ACKS);
        hub.crash();
        for (Future<?> f : running) {
            f.get();
        }
        int ackedBeforeCrash = acked.size();
        assertThat(ackedBeforeCrash).as("the kill came mid-stream").isBetween(KILL_AFTER_ACKS, ORDERS - 1);

        hub.start();
        // the senders retry what was never acknowledged; some acknowledged ones are sent again too
        List<Integer> resend = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            if (!acked.containsKey(i) || i % 20 == 0) {
                resend.add(i);
            }
        }
        AtomicInteger cursor = new AtomicInteger();
        Map<Integer, Ack> secondAnswers = new ConcurrentHashMap<>();
        running.clear();
        for (int c = 0; c < CLIENTS; c++) {
            running.add(clients.submit(() -> {
                for (int k = cursor.getAndIncrement(); k < resend.size(); k = cursor.getAndIncrement()) {
                    int i = resend.get(k);
                    Ack ack = send(hub, orders.get(i)).orElseThrow(() -> new AssertionError("no 202 after restart"));
                    secondAnswers.put(i, ack);
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        clients.shutdown();
        secondAnswers.forEach((i, ack) -> {
            String first = acked.get(i);
            if (first != null) {
                assertThat(ack.duplicate).as("order %d was acknowledged before the crash", i).isTrue();
                assertThat(ack.receiptId).as("order %d keeps its first receipt", i).isEqualTo(first);
            } else {
                acked.put(i, ack.receiptId);
            }
        });
        assertThat(acked).hasSize(ORDERS);
        System.out.printf("crash test: %d acknowledged before SIGKILL, %d sent again after restart, %d of them"
                + " answered as duplicates%n", ackedBeforeCrash, resend.size(),
                secondAnswers.values().stream().filter(Ack::duplicate).count());

        try (Connection store = hub.store()) {
            assertThat(single(store, "SELECT count(*) FROM raw_receipt")).as("one archive row per distinct order")
                    .isEqualTo(ORDERS);
            assertThat(single(store, "SELECT count(*) FROM raw_receipt WHERE sha256(body) <> body_sha256"
                    + " OR octet_length(body) <> body_size")).as("no half-written row").isZero();
            Map<String, String> stored = new ConcurrentHashMap<>();
            try (Statement s = store.createStatement();
                    ResultSet rs = s.executeQuery("SELECT receipt_id, encode(body_sha256, 'hex') FROM raw_receipt")) {
                while (rs.next()) {
                    stored.put(rs.getString(1), rs.getString(2));
                }
            }
            acked.forEach((i, receiptId) -> assertThat(stored.get(receiptId))
                    .as("receipt %s of order %d is stored with its bytes", receiptId, i)
                    .isEqualTo(orders.get(i).sha256()));

            await("every stored receipt processed").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> single(store, "SELECT count(*) FROM receipt_state") == ORDERS);
            assertThat(single(store, "SELECT count(*) FROM raw_receipt r LEFT JOIN receipt_state s"
                    + " ON s.receipt_id = r.receipt_id WHERE s.receipt_id IS NULL")).isZero();
        }
        hub.stop();
    }

    record Ack(String receiptId, boolean duplicate) {
    }

    /** One POST; empty when the hub did not answer 202 (killed, refused, or not yet up). */
    private Optional<Ack> send(HubProcess hub, Order order) {
        HttpRequest request = HttpRequest.newBuilder(hub.uri("/api/v1/intake/" + order.channel()))
                .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer orderhub-demo-token")
                .POST(HttpRequest.BodyPublishers.ofByteArray(order.body())).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                return Optional.empty();
            }
            Matcher m = RECEIPT.matcher(response.body());
            assertThat(m.find()).as(response.body()).isTrue();
            return Optional.of(new Ack(m.group(1), Boolean.parseBoolean(m.group(2))));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Real platform payloads, each made a distinct order by one leading field. */
    private List<Order> orders() throws Exception {
        String run = UUID.randomUUID().toString();
        List<String> bodies = new ArrayList<>();
        for (String[] source : SOURCES) {
            bodies.add(Fixtures.text(source[1]).trim().substring(1));
        }
        List<Order> orders = new ArrayList<>(ORDERS);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < ORDERS; i++) {
            int k = i % SOURCES.length;
            byte[] body = ("{\"_crash_test\":\"" + run + "-" + i + "\"," + bodies.get(k))
                    .getBytes(StandardCharsets.UTF_8);
            String hex = HexFormat.of().formatHex(sha.digest(body));
            orders.add(new Order(SOURCES[k][0], body, hex));
        }
        return orders;
    }

    static long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
