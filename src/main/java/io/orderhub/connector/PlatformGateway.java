package io.orderhub.connector;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.orderhub.config.OrderHubConfig;
import io.orderhub.connector.api.FetchedOrder;
import io.orderhub.connector.api.OrderPage;
import io.orderhub.connector.api.PageRequest;
import io.orderhub.connector.api.PlatformApi;
import io.orderhub.connector.api.PlatformException;
import io.orderhub.connector.api.PlatformRequest;
import io.orderhub.connector.api.PlatformResponse;
import io.orderhub.connector.api.ShipAck;
import io.orderhub.connector.api.Shipment;
import io.orderhub.connector.api.ShippedView;
import io.orderhub.connector.api.ShopAccess;
import io.orderhub.connector.api.TokenGrant;
import io.orderhub.ingress.Channel;
import io.orderhub.ingress.ShopRegistry;

/**
 * Sends the platform APIs' signed requests through the {@code platform-api-call} route (camel-http, timeouts on the
 * component), after the per-app and per-shop rate limits, renewing the shop's token when it is about to expire or the
 * platform says it has. Every call is timed by channel, operation and outcome.
 */
@ApplicationScoped
public class PlatformGateway {

    private static final Logger LOG = Logger.getLogger(PlatformGateway.class);
    /** Tokens are renewed this long before they expire. */
    private static final Duration RENEW_AHEAD = Duration.ofMinutes(10);

    public enum ListKind {
        MODIFIED, CREATED
    }

    private final Map<Channel, PlatformApi> apis = new EnumMap<>(Channel.class);
    private final ProducerTemplate template;
    private final ShopCredentials credentials;
    private final PlatformRateLimits limits;
    private final OrderHubConfig config;
    private final MeterRegistry registry;

    public PlatformGateway(Instance<PlatformApi> implementations, ProducerTemplate template,
            ShopCredentials credentials, PlatformRateLimits limits, OrderHubConfig config, MeterRegistry registry) {
        implementations.forEach(api -> api.channels().forEach(ch -> apis.put(ch, api)));
        this.template = template;
        this.credentials = credentials;
        this.limits = limits;
        this.config = config;
        this.registry = registry;
    }

    public Optional<PlatformApi> api(Channel channel) {
        return Optional.ofNullable(apis.get(channel));
    }

    /** Whether the hub can call this shop's platform: an API client for its channel and credentials for the shop. */
    public boolean connected(ShopRegistry.Shop shop) {
        return config.connector().enabled() && apis.containsKey(shop.channel()) && credentials.has(shop.key());
    }

    public FetchedOrder fetchOrder(ShopRegistry.Shop shop, String platformOrderId) {
        PlatformApi api = require(shop);
        return call(shop, api, a -> api.orderDetail(a, platformOrderId, Instant.now()), api::readOrderDetail);
    }

    public OrderPage list(ShopRegistry.Shop shop, ListKind kind, Instant from, Instant to, PageRequest page) {
        PlatformApi api = require(shop);
        return call(shop, api, a -> kind == ListKind.MODIFIED
                ? api.listModified(a, from, to, page, Instant.now())
                : api.listCreated(a, from, to, page, Instant.now()), api::readPage);
    }

    /** Tells the platform about one parcel (write-back); "already shipped" comes back as an acknowledgement. */
    public ShipAck ship(ShopRegistry.Shop shop, Shipment shipment) {
        PlatformApi api = require(shop);
        return call(shop, api, a -> api.ship(a, shipment, Instant.now()), api::readShip);
    }

    /** What the platform's order detail shows about shipping; empty when this platform's detail is not read so. */
    public Optional<ShippedView> shipped(ShopRegistry.Shop shop, String platformOrderId) {
        return require(shop).readShipped(fetchOrder(shop, platformOrderId));
    }

    private PlatformApi require(ShopRegistry.Shop shop) {
        PlatformApi api = apis.get(shop.channel());
        if (api == null) {
            throw new PlatformException(PlatformException.Kind.PERMANENT, "no-client",
                    "no platform API client for channel " + shop.channel().code());
        }
        return api;
    }

    private <T> T call(ShopRegistry.Shop shop, PlatformApi api, Function<ShopAccess, PlatformRequest> build,
            Function<PlatformResponse, T> read) {
        ShopAccess access = credentials.access(shop.key()).orElseThrow(() -> new PlatformException(
                PlatformException.Kind.PERMANENT, "no-credentials", "shop " + shop.key() + " has no API credentials"));
        if (access.tokenExpiresAt() != null && access.refreshToken() != null
                && access.tokenExpiresAt().isBefore(Instant.now().plus(RENEW_AHEAD))) {
            access = refresh(shop, api, access);
        }
        try {
            return send(shop, api, build.apply(access), read);
        } catch (PlatformException e) {
            if (e.kind() != PlatformException.Kind.AUTH_EXPIRED) {
                throw e;
            }
            LOG.infof("%s: the platform says the access token is no longer valid (%s); renewing it once",
                    shop.key(), e.platformCode());
            ShopAccess renewed = refresh(shop, api, access);
            return send(shop, api, build.apply(renewed), read);
        }
    }

    private ShopAccess refresh(ShopRegistry.Shop shop, PlatformApi api, ShopAccess access) {
        TokenGrant grant = send(shop, api, api.refreshToken(access, Instant.now()),
                r -> api.readToken(r, Instant.now()));
        LOG.infof("%s: access token renewed, valid until %s", shop.key(), grant.expiresAt());
        return credentials.renewed(access, grant);
    }

    private <T> T send(ShopRegistry.Shop shop, PlatformApi api, PlatformRequest request,
            Function<PlatformResponse, T> read) {
        double shopRate = shop.api().map(OrderHubConfig.Api::ratePerSecond).orElse(10.0);
        long start = System.nanoTime();
        String outcome = "ok";
        try {
            limits.acquire(shop.channel(), credentials.access(shop.key()).map(ShopAccess::appKey).orElse("?"),
                    shop.key(), shopRate);
            PlatformResponse response = exchange(baseUrl(shop, api, request.base()), request);
            try {
                return read.apply(response);
            } catch (PlatformException e) {
                throw e;
            } catch (RuntimeException e) {
                // an answer the client cannot read: a 5xx page from a proxy is worth retrying, anything else is not
                throw new PlatformException(response.status() >= 500
                        ? PlatformException.Kind.TRANSIENT
                        : PlatformException.Kind.PERMANENT, "http-" + response.status(),
                        request.operation() + ": unreadable response (" + e.getClass().getSimpleName() + ")");
            }
        } catch (PlatformException e) {
            outcome = e.kind().name().toLowerCase();
            throw e;
        } finally {
            Timer.builder("orderhub.platform.call").description("Calls to platform open APIs")
                    .tag("channel", shop.channel().code()).tag("operation", request.operation())
                    .tag("outcome", outcome).register(registry)
                    .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private String baseUrl(ShopRegistry.Shop shop, PlatformApi api, PlatformRequest.Base base) {
        Optional<OrderHubConfig.Api> cfg = shop.api();
        Optional<String> configured = base == PlatformRequest.Base.AUTH
                ? cfg.flatMap(OrderHubConfig.Api::authBaseUrl).or(() -> cfg.flatMap(OrderHubConfig.Api::baseUrl))
                : cfg.flatMap(OrderHubConfig.Api::baseUrl);
        return configured.orElseGet(() -> api.defaultBaseUrl(base));
    }

    private PlatformResponse exchange(String baseUrl, PlatformRequest request) {
        StringBuilder url = new StringBuilder(baseUrl.endsWith("/")
                ? baseUrl.substring(0, baseUrl.length() - 1)
                : baseUrl).append(request.path());
        char sep = request.path().contains("?") ? '&' : '?';
        for (Map.Entry<String, String> q : request.query().entrySet()) {
            url.append(sep).append(URLEncoder.encode(q.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(q.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        Exchange result = template.send("direct:platform-api", ex -> {
            ex.getMessage().setHeader(Exchange.HTTP_URI, url.toString());
            ex.getMessage().setHeader(Exchange.HTTP_METHOD, request.method());
            if (request.contentType() != null) {
                ex.getMessage().setHeader(Exchange.CONTENT_TYPE, request.contentType());
            }
            request.headers().forEach(ex.getMessage()::setHeader);
            ex.getMessage().setBody(request.body());
        });
        if (result.getException() != null) {
            // connect refused, timeouts, resets: the platform did not answer; the caller retries later
            Exception e = result.getException();
            throw new PlatformException(PlatformException.Kind.TRANSIENT, "io",
                    request.operation() + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
        Integer status = result.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        Map<String, String> headers = new LinkedHashMap<>();
        result.getMessage().getHeaders().forEach((k, v) -> {
            if (v != null && !k.startsWith("Camel")) {
                headers.put(k.toLowerCase(), v.toString());
            }
        });
        byte[] body = result.getMessage().getBody(byte[].class);
        return new PlatformResponse(status == null ? 0 : status, headers, body == null ? new byte[0] : body);
    }
}
