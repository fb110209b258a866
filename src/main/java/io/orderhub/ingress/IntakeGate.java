package io.orderhub.ingress;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.f4b6a3.uuid.UuidCreator;

import io.orderhub.archive.RawPayload;
import io.orderhub.config.OrderHubConfig;
import io.orderhub.ingress.ShopRegistry.Shop;
import io.orderhub.util.Hashing;

/**
 * Everything the receive layer checks before the durable write: channel, media type, size, who sent it, the shop's
 * rate, and basic well-formedness. Cheap checks first, so bad input costs little and never reaches the archive.
 */
@ApplicationScoped
public class IntakeGate {

    /** Request headers never archived: credentials, and transport noise. */
    private static final Set<String> NOT_ARCHIVED = Set.of("authorization", "cookie", "proxy-authorization",
            "connection", "keep-alive", "accept-encoding", "content-length", "host");
    private static final int MAX_ARCHIVED_HEADER_LENGTH = 2048;

    private final IntakeAuthenticator authenticator;
    private final ShopRateLimiter rateLimiter;
    private final int maxBodyBytes;
    private final List<String> mediaTypes;

    public IntakeGate(IntakeAuthenticator authenticator, ShopRateLimiter rateLimiter, OrderHubConfig config) {
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.maxBodyBytes = config.intake().maxBodyBytes();
        this.mediaTypes = config.intake().contentTypes().stream().map(t -> t.trim().toLowerCase(Locale.ROOT))
                .toList();
    }

    /** Checks the request and returns it as a payload ready for the archive, or throws an {@link IntakeRejection}. */
    public RawPayload check(IntakeRequest request) {
        Channel channel = Channel.fromCode(request.channelPath())
                .orElseThrow(() -> IntakeRejection.unknownChannel(request.channelPath()));
        String mediaType = PayloadFormat.mediaType(request.contentType());
        if (mediaType == null || !mediaTypes.contains(mediaType)) {
            throw new IntakeRejection(415, "unsupported_media_type",
                    "Content-Type must be one of " + mediaTypes + ", was " + request.contentType());
        }
        byte[] body = request.body() == null ? new byte[0] : request.body();
        if (body.length > maxBodyBytes) {
            throw new IntakeRejection(413, "payload_too_large",
                    "body of " + body.length + " bytes is over the limit of " + maxBodyBytes);
        }
        Shop shop = authenticator.authenticate(channel, request);
        rateLimiter.acquire(shop);
        PayloadFormat.check(mediaType, body);
        String authKind = request.header("Authorization") != null ? "token" : "signature";
        return new RawPayload(UuidCreator.getTimeOrderedEpoch(), channel.code(), shop.key(), Instant.now(),
                request.contentType(), archivedHeaders(request.headers()), body, Hashing.sha256(body), authKind);
    }

    /** The headers worth keeping for audit and for signature re-checks; never credentials. */
    static Map<String, String> archivedHeaders(Map<String, Object> headers) {
        Map<String, String> kept = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            boolean camelInternal = name.startsWith("Camel") && !name.equals("CamelHttpQuery");
            if (value != null && !camelInternal && !NOT_ARCHIVED.contains(lower)) {
                String text = String.valueOf(value);
                kept.put(name, text.length() > MAX_ARCHIVED_HEADER_LENGTH
                        ? text.substring(0, MAX_ARCHIVED_HEADER_LENGTH)
                        : text);
            }
        });
        return kept;
    }
}
