package io.orderhub.ingress.signature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.orderhub.ingress.Channel;
import io.orderhub.ingress.IntakeRequest;
import io.orderhub.ingress.ShopRegistry.Shop;
import io.orderhub.util.Hashing;

/**
 * 有赞 push: the JSON body carries {@code client_id}, {@code msg} (still URL-encoded) and
 * {@code sign} = hex MD5(client_id + msg + client_secret).
 */
@ApplicationScoped
public class YouzanSignature implements PushSignature {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Channel channel() {
        return Channel.YOUZAN;
    }

    @Override
    public boolean present(IntakeRequest request) {
        return fields(request.body()).map(f -> f.hasNonNull("sign")).orElse(false);
    }

    @Override
    public Optional<Shop> verify(IntakeRequest request, List<Shop> shops) {
        Optional<JsonNode> fields = fields(request.body());
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        String clientId = fields.get().path("client_id").asText("");
        String msg = fields.get().path("msg").asText("");
        String sign = fields.get().path("sign").asText(null);
        return shops.stream()
                .filter(s -> s.appKey().isPresent() && s.appKey().get().equals(clientId) && s.pushSecret().isPresent())
                .filter(s -> Hashing.constantTimeEqualsIgnoreCase(Hashing.hex("MD5",
                        (clientId + msg + s.pushSecret().get()).getBytes(StandardCharsets.UTF_8)), sign))
                .findFirst();
    }

    private static Optional<JsonNode> fields(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
