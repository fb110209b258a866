package io.orderhub.execute.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

import io.orderhub.web.ApiError;

/**
 * The sandbox downstream systems' HTTP side (embedded profile only): {@code /sandbox/downstream/<system>/...}, kept
 * apart from the hub's own {@code /api/v1}. Only turns exchanges into {@link DownstreamRequest}s and replies; the
 * systems decide.
 */
@ApplicationScoped
@Named("downstream")
public class DownstreamEndpoint {

    private final DownstreamSandbox sandbox;
    private final ErpSandbox erp;
    private final QimenSandbox qimen;
    private final CarrierSandbox carrier;
    private final SmsSandbox sms;
    private final LedgerSandbox ledger;
    private final InterceptSandbox intercept;

    public DownstreamEndpoint(DownstreamSandbox sandbox, ErpSandbox erp, QimenSandbox qimen, CarrierSandbox carrier,
            SmsSandbox sms, LedgerSandbox ledger, InterceptSandbox intercept) {
        this.intercept = intercept;
        this.sandbox = sandbox;
        this.erp = erp;
        this.qimen = qimen;
        this.carrier = carrier;
        this.sms = sms;
        this.ledger = ledger;
    }

    public void erp(Exchange exchange) {
        reply(exchange, erp.orders(request(exchange)));
    }

    public void wms(Exchange exchange) {
        DownstreamRequest request = request(exchange);
        reply(exchange, InterceptSandbox.CANCEL.equals(request.param("method"))
                ? intercept.wmsCancel(request)
                : qimen.router(request));
    }

    public void carrierIntercept(Exchange exchange) {
        reply(exchange, intercept.carrierIntercept(request(exchange)));
    }

    public void reversal(Exchange exchange) {
        reply(exchange, intercept.reversal(request(exchange)));
    }

    public void waves(Exchange exchange) {
        reply(exchange, ledger.wave(request(exchange)));
    }

    public void waybill(Exchange exchange) {
        reply(exchange, carrier.waybill(request(exchange), false));
    }

    public void waybillBatch(Exchange exchange) {
        reply(exchange, carrier.waybill(request(exchange), true));
    }

    public void sms(Exchange exchange) {
        reply(exchange, sms.send(request(exchange)));
    }

    public void receivable(Exchange exchange) {
        reply(exchange, ledger.receivable(request(exchange)));
    }

    public void invoice(Exchange exchange) {
        reply(exchange, ledger.invoice(request(exchange)));
    }

    private DownstreamRequest request(Exchange exchange) {
        if (!sandbox.enabled()) {
            throw new ApiError(404, "sandbox_disabled", "the downstream sandbox runs in the embedded profile only");
        }
        Message in = exchange.getMessage();
        byte[] body = in.getBody(byte[].class);
        String contentType = in.getHeader(Exchange.CONTENT_TYPE, String.class);
        Map<String, String> headers = new LinkedHashMap<>();
        in.getHeaders().forEach((k, v) -> {
            if (v != null && !k.startsWith("Camel")) {
                headers.put(k.toLowerCase(Locale.ROOT), v.toString());
            }
        });
        boolean form = contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
        Map<String, String> fields = Map.of();
        if (form && body != null && body.length > 0) {
            fields = decode(new String(body, StandardCharsets.UTF_8));
        } else if (form && in instanceof HttpMessage http) {
            // Vert.x has parsed the form already (and consumed the body): its attributes are the fields
            Map<String, String> parsed = new LinkedHashMap<>();
            http.getRequest().formAttributes().forEach(e -> parsed.putIfAbsent(e.getKey(), e.getValue()));
            fields = parsed;
        }
        return new DownstreamRequest(decode(in.getHeader(Exchange.HTTP_QUERY, String.class)), headers, contentType,
                form ? new byte[0] : body, fields);
    }

    static void reply(Exchange exchange, DownstreamReply reply) {
        Message m = exchange.getMessage();
        // platform-http copies message headers to the response: never echo the request's
        m.getHeaders().clear();
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
        m.setHeader(Exchange.CONTENT_TYPE, reply.contentType());
        m.setBody(reply.body());
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
            params.putIfAbsent(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }
}
