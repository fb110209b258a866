package io.orderhub.connector.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.config.OrderHubConfig;
import io.orderhub.web.ApiError;
import io.orderhub.web.HttpReplies;

/**
 * The sandbox platforms' HTTP side (embedded profile only): {@code /sandbox/platform/<segment>/...} answers as the
 * platform's open API would, {@code /sandbox/control/...} generates orders and sets faults. Kept apart from the hub's
 * own {@code /api/v1} so nobody mistakes one for the other.
 */
@ApplicationScoped
@Named("sandbox")
public class SandboxEndpoint {

    private static final String PLATFORM_PREFIX = "/sandbox/platform/";

    private final SandboxState state;
    private final SandboxFaults faults;
    private final SandboxTraffic traffic;
    private final SandboxGenerator generator;
    private final boolean enabled;

    public SandboxEndpoint(SandboxState state, SandboxFaults faults, SandboxTraffic traffic,
            SandboxGenerator generator, OrderHubConfig config) {
        this.state = state;
        this.faults = faults;
        this.traffic = traffic;
        this.generator = generator;
        this.enabled = config.connector().sandbox();
    }

    /** One open-API call to a sandbox platform. */
    public void api(Exchange exchange) {
        requireEnabled();
        Message in = exchange.getMessage();
        String path = in.getHeader(Exchange.HTTP_PATH, String.class);
        String uri = in.getHeader(Exchange.HTTP_URI, String.class);
        String full = uri != null && uri.startsWith(PLATFORM_PREFIX) ? uri : PLATFORM_PREFIX + trim(path);
        int q = full.indexOf('?');
        if (q >= 0) {
            full = full.substring(0, q);
        }
        String rest = full.substring(PLATFORM_PREFIX.length());
        int slash = rest.indexOf('/');
        String segment = slash < 0 ? rest : rest.substring(0, slash);
        String subPath = slash < 0 ? "/" : rest.substring(slash);
        SandboxPlatform platform = state.platformAt(segment)
                .orElseThrow(() -> new ApiError(404, "unknown_platform", "no sandbox platform '" + segment + "'"));
        traffic.record(segment);
        SandboxPlatform.Fault fault = faults.apiFault(segment);
        byte[] body = in.getBody(byte[].class);
        body = body == null ? new byte[0] : body;
        String contentType = in.getHeader(Exchange.CONTENT_TYPE, String.class);
        Map<String, String> headers = new LinkedHashMap<>();
        in.getHeaders().forEach((k, v) -> {
            if (v != null && !k.startsWith("Camel")) {
                headers.put(k.toLowerCase(Locale.ROOT), v.toString());
            }
        });
        boolean formBody = contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
        Map<String, String> form = Map.of();
        if (formBody && body.length > 0) {
            form = decode(new String(body, StandardCharsets.UTF_8));
        } else if (formBody) {
            // platform-http has already parsed the form into headers (and consumed the body), beside the transport
            // headers; the platforms' form fields are all lower_snake_case (app_key, 360buy_param_json, sign...),
            // transport headers never are (Content-Type, Host, User-Agent...)
            Map<String, String> fields = new LinkedHashMap<>();
            in.getHeaders().forEach((k, v) -> {
                if (v != null && k.matches("[a-z0-9_]+")) {
                    fields.put(k, v.toString());
                }
            });
            form = fields;
        }
        SandboxRequest request = new SandboxRequest(in.getHeader(Exchange.HTTP_METHOD, String.class), subPath,
                decode(in.getHeader(Exchange.HTTP_QUERY, String.class)), headers, contentType, body, form);
        SandboxResponse response = fault != null ? platform.fault(fault) : platform.answer(request, state);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, response.status());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, response.contentType());
        exchange.getMessage().setBody(response.body());
    }

    /** GET shows the fault settings and traffic; PUT replaces the fault settings. */
    public void faults(Exchange exchange) throws Exception {
        requireEnabled();
        if ("PUT".equals(exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class))) {
            JsonNode b = HttpReplies.mapper().readTree(exchange.getMessage().getBody(byte[].class));
            faults.set(new SandboxFaults.Settings(b.path("dropPushShare").asDouble(0), b.path("errorShare").asDouble(0),
                    b.path("rateLimitShare").asDouble(0), b.path("delayMillis").asLong(0), b.path("failNext").asInt(0),
                    b.path("failKind").asText("SERVER_ERROR"), b.path("seed").asLong(42)));
            if (b.path("resetTraffic").asBoolean(false)) {
                traffic.reset();
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("faults", faults.settings());
        body.put("traffic", traffic.snapshot());
        HttpReplies.json(exchange, 200, body);
    }

    /** POST /sandbox/control/orders?shop=&count=&at=&spacingMillis=&push= : new orders (and their thin pushes). */
    public void generate(Exchange exchange) {
        requireEnabled();
        Message in = exchange.getMessage();
        String shop = in.getHeader("shop", String.class);
        if (shop == null || state.shop(shop).isEmpty()) {
            throw new ApiError(400, "bad_parameter", "shop must name a shop with API access, was '" + shop + "'");
        }
        int count = intParam(in, "count", 1);
        if (count < 1 || count > 100_000) {
            throw new ApiError(400, "bad_parameter", "count must be 1..100000");
        }
        Instant at;
        try {
            String a = in.getHeader("at", String.class);
            at = a == null || a.isBlank() ? Instant.now() : Instant.parse(a);
        } catch (DateTimeParseException e) {
            throw new ApiError(400, "bad_parameter", "at must be an ISO-8601 instant");
        }
        Duration spacing = Duration.ofMillis(intParam(in, "spacingMillis", 0));
        boolean push = !"false".equals(in.getHeader("push", String.class));
        HttpReplies.json(exchange, 201, generator.generate(shop, count, at, spacing, push).toMap());
    }

    /**
     * /sandbox/control/shipments?shop=&order=: GET what the platform shows as shipped for an order, DELETE forgets it
     * (a platform that lost the write-back), PUT {"fault": "WRONG_CARRIER_CODE"|"AUTH_EXPIRED"|null} makes every ship
     * call fail that way until cleared.
     */
    public void shipments(Exchange exchange) throws Exception {
        requireEnabled();
        Message in = exchange.getMessage();
        String method = in.getHeader(Exchange.HTTP_METHOD, String.class);
        if ("PUT".equals(method)) {
            JsonNode b = HttpReplies.mapper().readTree(in.getBody(byte[].class));
            String fault = b == null || b.path("fault").isNull() ? null : b.path("fault").asText(null);
            if (fault != null && !java.util.Set.of("WRONG_CARRIER_CODE", "AUTH_EXPIRED").contains(fault)) {
                throw new ApiError(400, "bad_parameter", "fault must be WRONG_CARRIER_CODE, AUTH_EXPIRED or null");
            }
            state.shipFault(fault);
            HttpReplies.json(exchange, 200, java.util.Collections.singletonMap("fault", fault));
            return;
        }
        String shop = in.getHeader("shop", String.class);
        String order = in.getHeader("order", String.class);
        if (shop == null || order == null) {
            throw new ApiError(400, "bad_parameter", "shop and order are required");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if ("DELETE".equals(method)) {
            body.put("forgotten", state.forgetShipments(shop, order));
        }
        body.put("shipments", state.shipments(shop, order));
        HttpReplies.json(exchange, 200, body);
    }

    private static int intParam(Message in, String name, int fallback) {
        String v = in.getHeader(name, String.class);
        try {
            return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new ApiError(400, "bad_parameter", name + " must be an integer");
        }
    }

    private void requireEnabled() {
        if (!enabled) {
            throw new ApiError(404, "sandbox_disabled", "the sandbox platform runs in the embedded profile only");
        }
    }

    private static String trim(String path) {
        if (path == null) {
            return "";
        }
        return path.startsWith("/") ? path.substring(1) : path;
    }

    static Map<String, String> decode(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(k, v);
        }
        return params;
    }
}
