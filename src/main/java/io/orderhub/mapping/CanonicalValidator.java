package io.orderhub.mapping;

import java.io.InputStream;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/** Validates mapped orders against {@code schema/canonical-order.schema.json} (the shared contract copy). */
public final class CanonicalValidator {

    static final String RESOURCE = "/schema/canonical-order.schema.json";
    private static final CanonicalValidator INSTANCE = new CanonicalValidator();

    private final SchemaCheck check;

    private CanonicalValidator() {
        InputStream in = CanonicalValidator.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("classpath resource " + RESOURCE + " missing");
        }
        this.check = SchemaCheck.of("classpath:" + RESOURCE.substring(1), in);
    }

    public static CanonicalValidator instance() {
        return INSTANCE;
    }

    /** Empty when valid, else {@code schema: $.path: message} for the first violation. */
    public Optional<String> violation(JsonNode order) {
        return check.firstViolation(order).map(v -> "schema: " + v);
    }

    /** The schema document itself, for lint checks that walk its properties. */
    public JsonNode schema() {
        return check.schemaNode();
    }
}
