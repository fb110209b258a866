package io.orderhub.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

import io.orderhub.alert.AlertSinks;

/** GET /api/v1/alerts/sinks: which sinks receive which alerts (admin); never their URLs or secrets. */
@ApplicationScoped
@Named("alertSinksApi")
public class AlertSinksEndpoint {

    private final AlertSinks sinks;
    private final AdminGuard admin;

    public AlertSinksEndpoint(AlertSinks sinks, AdminGuard admin) {
        this.sinks = sinks;
        this.admin = admin;
    }

    public void list(Exchange exchange) {
        admin.require(exchange);
        Map<String, Object> out = new TreeMap<>();
        sinks.all().forEach((name, s) -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("kind", s.kind());
            v.put("format", s.format());
            v.put("kinds", s.kinds().orElse(List.of()));
            v.put("audiences", s.audiences().orElse(List.of()));
            v.put("minSeverity", s.minSeverity().orElse(null));
            v.put("signed", s.secret().isPresent());
            v.put("system", AlertSinks.SYSTEM_PREFIX + name);
            out.put(name, v);
        });
        HttpReplies.json(exchange, 200, Map.of("sinks", out));
    }
}
