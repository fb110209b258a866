package io.orderhub.ingress.signature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;

import io.orderhub.config.OrderHubConfig;
import io.orderhub.ingress.Channel;
import io.orderhub.ingress.IntakeRequest;
import io.orderhub.ingress.ShopRegistry.Shop;
import io.orderhub.util.Hashing;

/**
 * WeChat server push (视频号小店 / 微信小店 events): query {@code signature} = SHA-1 of the sorted concatenation of
 * token, timestamp and nonce; in safe mode also {@code msg_signature} over token, timestamp, nonce and the body's
 * {@code Encrypt} field. The plain signature does not cover the body, so the timestamp is also checked for skew.
 */
@ApplicationScoped
public class WechatSignature implements PushSignature {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final XmlMapper XML = new XmlMapper();

    private final Duration maxSkew;

    public WechatSignature(OrderHubConfig config) {
        this.maxSkew = config.intake().signatureMaxSkew();
    }

    @Override
    public Channel channel() {
        return Channel.WECHAT_CHANNELS;
    }

    @Override
    public boolean present(IntakeRequest request) {
        return request.header("signature") != null || request.header("msg_signature") != null;
    }

    @Override
    public Optional<Shop> verify(IntakeRequest request, List<Shop> shops) {
        String timestamp = request.header("timestamp");
        String nonce = request.header("nonce");
        if (timestamp == null || nonce == null || !fresh(timestamp)) {
            return Optional.empty();
        }
        String msgSignature = request.header("msg_signature");
        Optional<String> encrypt = msgSignature == null ? Optional.empty() : encryptField(request);
        if (msgSignature != null && encrypt.isEmpty()) {
            return Optional.empty();
        }
        return shops.stream().filter(s -> s.pushSecret().isPresent()).filter(s -> {
            String token = s.pushSecret().get();
            if (msgSignature != null) {
                return Hashing.constantTimeEqualsIgnoreCase(sha1Sorted(token, timestamp, nonce, encrypt.get()),
                        msgSignature);
            }
            return Hashing.constantTimeEqualsIgnoreCase(sha1Sorted(token, timestamp, nonce),
                    request.header("signature"));
        }).findFirst();
    }

    /** The signature WeChat computes: SHA-1 hex of the parts sorted lexicographically and concatenated. */
    public static String sha1Sorted(String... parts) {
        String[] sorted = parts.clone();
        Arrays.sort(sorted);
        return Hashing.hex("SHA-1", String.join("", sorted).getBytes(StandardCharsets.UTF_8));
    }

    private boolean fresh(String timestamp) {
        try {
            Instant at = Instant.ofEpochSecond(Long.parseLong(timestamp.trim()));
            return Duration.between(at, Instant.now()).abs().compareTo(maxSkew) <= 0;
        } catch (NumberFormatException | DateTimeException e) {
            // not a number, or seconds beyond Instant's range: a bad signature (401), never a 500
            return false;
        }
    }

    private static Optional<String> encryptField(IntakeRequest request) {
        try {
            boolean xml = request.contentType() != null && request.contentType().contains("xml");
            JsonNode node = xml ? XML.readTree(request.body()) : JSON.readTree(request.body());
            return Optional.ofNullable(node).map(n -> n.get("Encrypt")).filter(JsonNode::isTextual)
                    .map(JsonNode::asText);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
