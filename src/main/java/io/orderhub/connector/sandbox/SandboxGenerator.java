package io.orderhub.connector.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.orderhub.ingress.Channel;

/**
 * Volume for the sandbox: new orders in a shop's book, built from the platform's real payload templates, and the thin
 * pushes the platform would send for them — some dropped on purpose ({@link SandboxFaults}), as real platforms drop
 * them after their few retries.
 */
@ApplicationScoped
public class SandboxGenerator {

    private static final Logger LOG = Logger.getLogger(SandboxGenerator.class);
    private static final DateTimeFormatter PDD_DAY = DateTimeFormatter.ofPattern("yyMMdd")
            .withZone(ZoneId.of("Asia/Shanghai"));

    /** What one generation did. */
    public record Generated(List<String> orderIds, int pushed, int dropped, int pushFailed) {

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("created", orderIds.size());
            m.put("pushed", pushed);
            m.put("dropped", dropped);
            m.put("pushFailed", pushFailed);
            m.put("orderIds", orderIds);
            return m;
        }
    }

    /** Each platform's own code for "paid, waiting for shipment": what a new sandbox order carries. */
    static final Map<Channel, String> PAID = Map.of(Channel.TAOBAO, "WAIT_SELLER_SEND_GOODS", Channel.TMALL,
            "WAIT_SELLER_SEND_GOODS", Channel.JD, "WAIT_SELLER_STOCK_OUT", Channel.PDD, "1", Channel.DOUYIN, "2",
            Channel.YOUZAN, "WAIT_SELLER_SEND_GOODS", Channel.WECHAT_CHANNELS, "20");

    private final SandboxState state;
    private final SandboxFaults faults;
    private final int hubPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** 19-digit ids like the platforms' (Douyin, WeChat, Taobao), unique within the sandbox's life. */
    private final AtomicLong nextId = new AtomicLong(
            6_900_000_000_000_000_000L + (System.currentTimeMillis() % 1_000_000_000L) * 1_000L);

    public SandboxGenerator(SandboxState state, SandboxFaults faults,
            @ConfigProperty(name = "quarkus.http.port") int hubPort) {
        this.state = state;
        this.faults = faults;
        this.hubPort = hubPort;
    }

    /**
     * Creates {@code count} orders in the shop, created (and modified) from {@code at} on, one every
     * {@code spacing}; pushes each thin notice to the hub unless told not to or the fault settings drop it.
     */
    public Generated generate(String shopKey, int count, Instant at, Duration spacing, boolean push) {
        SandboxShop shop = state.shop(shopKey)
                .orElseThrow(() -> new IllegalArgumentException("sandbox has no shop '" + shopKey + "'"));
        Channel channel = state.channelOf(shopKey).orElseThrow();
        SandboxPlatform platform = state.platform(channel)
                .orElseThrow(() -> new IllegalArgumentException("no sandbox platform for " + channel.code()));
        List<String> ids = new ArrayList<>();
        int pushed = 0;
        int dropped = 0;
        int failed = 0;
        for (int i = 0; i < count; i++) {
            Instant t = at.plus(spacing.multipliedBy(i));
            String id = newId(channel, t);
            SandboxOrder order = new SandboxOrder(channel, shopKey, id, t, t, PAID.get(channel), i);
            state.put(order);
            ids.add(id);
            if (!push) {
                continue;
            }
            Optional<SandboxPush> notice = platform.thinPush(order, shop);
            if (notice.isEmpty()) {
                continue;
            }
            if (faults.dropPush()) {
                dropped++;
            } else if (send(channel, notice.get())) {
                pushed++;
            } else {
                failed++;
            }
        }
        return new Generated(ids, pushed, dropped, failed);
    }

    /** A new state of an existing order (status change): a later modification time, pushed like a new one. */
    public boolean modify(String shopKey, String platformOrderId, String status, Instant at, boolean push) {
        Optional<SandboxOrder> existing = state.order(shopKey, platformOrderId);
        if (existing.isEmpty()) {
            return false;
        }
        SandboxOrder o = existing.get();
        SandboxOrder next = new SandboxOrder(o.channel(), o.shopKey(), o.platformOrderId(), o.createdAt(), at,
                status, o.variant());
        state.put(next);
        if (push) {
            state.platform(o.channel()).flatMap(p -> p.thinPush(next, state.shop(shopKey).orElseThrow()))
                    .filter(n -> !faults.dropPush()).ifPresent(n -> send(o.channel(), n));
        }
        return true;
    }

    /**
     * Sends the thin push of an order whether or not the book holds it (a platform pushing an order its detail API
     * then does not find, as happens with orders deleted or moved between shops).
     */
    public boolean push(String shopKey, SandboxOrder order) {
        SandboxShop shop = state.shop(shopKey).orElseThrow();
        return state.platform(order.channel()).flatMap(p -> p.thinPush(order, shop))
                .map(n -> send(order.channel(), n)).orElse(false);
    }

    /** A new order id in the platform's format. */
    public String newOrderId(Channel channel) {
        return newId(channel, Instant.now());
    }

    private String newId(Channel channel, Instant t) {
        long n = nextId.getAndIncrement();
        // Pinduoduo order_sn: yymmdd-digits
        return channel == Channel.PDD ? PDD_DAY.format(t) + "-" + (n % 1_000_000_000_000_000L) : Long.toString(n);
    }

    private boolean send(Channel channel, SandboxPush push) {
        StringBuilder url = new StringBuilder("http://localhost:").append(hubPort).append("/api/v1/intake/")
                .append(channel.code());
        char sep = '?';
        for (Map.Entry<String, String> q : push.query().entrySet()) {
            url.append(sep).append(URLEncoder.encode(q.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(q.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.toString()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", push.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(push.body()));
        push.headers().forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                LOG.warnf("sandbox push to %s answered %d: %s", channel.code(), response.statusCode(),
                        response.body());
                return false;
            }
            return true;
        } catch (IOException e) {
            LOG.warnf("sandbox push to %s failed: %s", channel.code(), e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
