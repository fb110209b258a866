package io.orderhub.execute.sandbox;

import java.util.Locale;
import java.util.Optional;

/** The merchant's downstream systems the embedded sandbox plays, by the path segment of their controls. */
public enum DownstreamSystem {
    ERP, WMS, WAVES, CARRIER, SMS, FINANCE, INVOICE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DownstreamSystem> fromCode(String code) {
        for (DownstreamSystem s : values()) {
            if (s.code().equals(code)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
