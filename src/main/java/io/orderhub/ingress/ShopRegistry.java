package io.orderhub.ingress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.orderhub.config.OrderHubConfig;
import io.orderhub.util.Hashing;

/** The configured shops, indexed for the intake: by channel and by intake-token hash. */
@ApplicationScoped
public class ShopRegistry {

    /** A configured shop as the intake sees it; the push secret never leaves this object's verifiers. */
    public record Shop(String key, Channel channel, String platformShopId, Optional<byte[]> tokenHash,
            Optional<Integer> ratePerSecond, Optional<String> appKey, Optional<String> pushSecret,
            Optional<OrderHubConfig.Api> api) {

        @Override
        public String toString() {
            return "Shop[" + key + "@" + channel.code() + "]";
        }
    }

    private final Map<Channel, List<Shop>> byChannel;
    private final Map<String, Shop> byKey;

    public ShopRegistry(OrderHubConfig config) {
        List<Shop> shops = new ArrayList<>();
        config.shops().forEach((key, s) -> shops.add(toShop(key, s)));
        this.byChannel = shops.stream().collect(Collectors.groupingBy(Shop::channel));
        this.byKey = shops.stream().collect(Collectors.toUnmodifiableMap(Shop::key, s -> s));
    }

    /** The shop stored with a receipt ({@code raw_receipt.shop_key}). */
    public Optional<Shop> byKey(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    private static Shop toShop(String key, OrderHubConfig.Shop s) {
        Channel channel = Channel.fromCode(s.channel())
                .orElseThrow(() -> new IllegalArgumentException("orderhub.shops." + key + ".channel: unknown channel '"
                        + s.channel() + "'"));
        Optional<byte[]> tokenHash = s.intakeTokenSha256()
                .map(Hashing::fromHex);
        return new Shop(key, channel, s.platformShopId().orElse(key), tokenHash, s.ratePerSecond(),
                s.push().flatMap(OrderHubConfig.Push::appKey), s.push().map(OrderHubConfig.Push::secret), s.api());
    }

    /** Every configured shop. */
    public java.util.Collection<Shop> all() {
        return byKey.values();
    }

    public List<Shop> onChannel(Channel channel) {
        return byChannel.getOrDefault(channel, List.of());
    }

    /** The shop on this channel whose intake token hashes to the presented token's hash. */
    public Optional<Shop> byToken(Channel channel, String token) {
        byte[] presented = Hashing.sha256(token);
        return onChannel(channel).stream()
                .filter(s -> s.tokenHash().map(h -> Hashing.constantTimeEquals(h, presented)).orElse(false))
                .findFirst();
    }

    /** True when any shop's token is the given one (used to refuse the demo token outside the embedded profile). */
    public boolean anyShopHasToken(String token) {
        byte[] presented = Hashing.sha256(token);
        return byChannel.values().stream().flatMap(List::stream)
                .anyMatch(s -> s.tokenHash().map(h -> Hashing.constantTimeEquals(h, presented)).orElse(false));
    }
}
