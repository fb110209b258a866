package io.orderhub.connector.sandbox;

import java.util.Optional;
import java.util.Set;

import io.orderhub.ingress.Channel;

/**
 * One platform as the embedded sandbox plays it: the same open-API shapes as the real platform, answered from the
 * sandbox's order book, with the platform's own signature checks and error shapes. Implementations are pure (no
 * I/O); {@code SandboxEndpoint} routes requests to them.
 */
public interface SandboxPlatform {

    Set<Channel> channels();

    /** The path segment under {@code /sandbox/} this platform answers on (e.g. {@code taobao} for Taobao and Tmall). */
    String pathSegment();

    /**
     * The platform's order-detail response body for one sandbox order, built from a real payload of
     * ../shared/fixtures (or a sourced sample) with the order's id, times and status written in.
     */
    byte[] renderDetail(SandboxOrder order);

    /**
     * The thin push the platform sends for this order (ids and status only), signed as the platform signs it with
     * the shop's push secret; empty when the platform pushes nothing thin.
     */
    Optional<SandboxPush> thinPush(SandboxOrder order, SandboxShop shop);

    /**
     * Answers one request as the platform would: checks the signature or access token against the book's shops, then
     * answers order detail, list (modified / created, paged as the platform pages) and token refresh calls.
     */
    SandboxResponse answer(SandboxRequest request, SandboxBook book);

    /** The platform's own error response for a fault the sandbox was told to inject. */
    SandboxResponse fault(Fault fault);

    enum Fault {
        /** the platform's flow-control error (HTTP 200 with an error body on most Chinese platforms) */
        RATE_LIMITED,
        /** "system busy" / 5xx */
        SERVER_ERROR
    }
}
