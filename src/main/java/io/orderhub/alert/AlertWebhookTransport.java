package io.orderhub.alert;

import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.orderhub.config.OrderHubConfig;
import io.orderhub.execute.Command;
import io.orderhub.execute.CommandTransport;

/**
 * Delivers alert commands (system {@code alert-<sink>}) to their sink through the route {@code alert-webhook}: builds
 * the sink's format at send time, signs DingTalk with a fresh timestamp (it refuses one an hour old, and a command may
 * wait out an outage longer than that). DingTalk and WeCom answer HTTP 200 with {@code {"errcode":0,"errmsg":"ok"}}
 * on success and another errcode otherwise (rate limit, bad key, keyword missing): confirmed only on errcode 0.
 */
@ApplicationScoped
public class AlertWebhookTransport implements CommandTransport {

    public static final String NAME = "alert-webhook";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProducerTemplate template;
    private final AlertSinks sinks;
    private final AlertMessages messages;
    private final Clock clock;

    @Inject
    public AlertWebhookTransport(ProducerTemplate template, AlertSinks sinks, AlertMessages messages) {
        this(template, sinks, messages, Clock.systemUTC());
    }

    AlertWebhookTransport(ProducerTemplate template, AlertSinks sinks, AlertMessages messages, Clock clock) {
        this.template = template;
        this.sinks = sinks;
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Delivery deliver(Command command, OrderHubConfig.DownstreamSystem system) {
        String name = command.system().substring(AlertSinks.SYSTEM_PREFIX.length());
        Optional<AlertsConfig.Sink> sink = sinks.sink(name);
        if (sink.isEmpty()) {
            return Delivery.rejected("NOT_CONFIGURED", "no alert sink '" + name + "' is configured", null);
        }
        Alert alert;
        try {
            alert = Alert.of(JSON.readTree(command.payload()));
        } catch (JsonProcessingException | RuntimeException e) {
            return Delivery.rejected("MALFORMED", "alert payload unreadable: " + e.getMessage(), null);
        }
        String url = sink.get().url();
        if ("dingtalk".equals(sink.get().kind()) && sink.get().secret().isPresent()) {
            url = DingTalkSign.signedUrl(url, sink.get().secret().get(), clock.millis());
        }
        String target = url;
        String body = messages.body(sink.get(), alert).toString();
        Exchange result = template.send("direct:alert-webhook", ex -> {
            ex.getMessage().setHeader(Exchange.HTTP_URI, target);
            ex.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
            ex.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json;charset=UTF-8");
            ex.getMessage().setHeader("Idempotency-Key", command.idempotencyKey());
            ex.getMessage().setBody(body);
        });
        return judge(sink.get().kind(), result);
    }

    private static Delivery judge(String kind, Exchange result) {
        if (result.getException() != null) {
            Exception e = result.getException();
            String errorClass = e instanceof java.net.SocketTimeoutException
                    || e.getCause() instanceof java.net.SocketTimeoutException ? "TIMEOUT" : "IO";
            // the message may hold the URL, whose token is a secret: class name only
            return Delivery.failed(errorClass, e.getClass().getSimpleName(), null);
        }
        Integer status = result.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String answer = result.getMessage().getBody(String.class);
        if (status == null || status < 200 || status >= 300) {
            String errorClass = status == null ? "IO" : status >= 500 ? "HTTP_5XX" : "HTTP_4XX";
            return Delivery.failed(errorClass, "HTTP " + status + ": " + abbreviate(answer), answer);
        }
        if ("webhook".equals(kind)) {
            return Delivery.confirmed(answer);
        }
        JsonNode reply = parse(answer);
        if (reply != null && reply.path("errcode").isInt() && reply.path("errcode").asInt() == 0) {
            return Delivery.confirmed(answer);
        }
        // a robot's refusal (rate limit 130101/45009, keyword missing 310000, bad key...) comes as HTTP 200
        return Delivery.failed("REJECTED", kind + " errcode " + (reply == null ? "?" : reply.path("errcode").asText())
                + ": " + (reply == null ? abbreviate(answer) : reply.path("errmsg").asText()), answer);
    }

    private static JsonNode parse(String s) {
        try {
            return s == null ? null : JSON.readTree(s);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
