package io.orderhub.web;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

import io.orderhub.ingress.Channel;
import io.orderhub.mapping.MappingRegistry;

/**
 * {@code GET /api/v1/admin/mappings}: live, directory and stored versions per channel, and any refused change;
 * {@code POST /api/v1/admin/mappings/{name}/rollback[?version=]}: restore a stored version. Admin credential required.
 */
@ApplicationScoped
@Named("mappingAdmin")
public class MappingAdminEndpoint {

    private final MappingRegistry registry;
    private final AdminGuard admin;

    public MappingAdminEndpoint(MappingRegistry registry, AdminGuard admin) {
        this.registry = registry;
        this.admin = admin;
    }

    public void list(Exchange exchange) {
        admin.require(exchange);
        HttpReplies.json(exchange, 200, Map.of("items", registry.channels()));
    }

    public void rollback(Exchange exchange) {
        admin.require(exchange);
        String name = exchange.getMessage().getHeader("name", String.class);
        if (Channel.fromCode(name).isEmpty()) {
            throw new ApiError(404, "unknown_mapping", "no channel mapping '" + name + "'");
        }
        Optional<String> version = Optional.ofNullable(exchange.getMessage().getHeader("version", String.class))
                .filter(v -> !v.isBlank());
        try {
            HttpReplies.json(exchange, 200, registry.rollback(name, version));
        } catch (IllegalArgumentException e) {
            throw new ApiError(404, "version_not_found", e.getMessage());
        }
    }
}
