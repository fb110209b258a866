package io.orderhub.order;

import java.util.UUID;

/**
 * What storing one mapped receipt did: {@code MAPPED} (it is the order's current version), {@code SUPERSEDED} (kept in
 * the history, a newer version was already current), {@code DUPLICATE} (the same version was already stored), or
 * {@code ALREADY_PROCESSED} (another run recorded this receipt first; nothing changed).
 */
public record ApplyOutcome(String state, UUID hubOrderId, int version) {

    public static final String ALREADY_PROCESSED = "ALREADY_PROCESSED";
}
