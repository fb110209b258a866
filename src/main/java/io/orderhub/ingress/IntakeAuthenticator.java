package io.orderhub.ingress;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.orderhub.ingress.ShopRegistry.Shop;
import io.orderhub.ingress.signature.PushSignature;

/**
 * Decides which shop a request comes from: a shop-scoped intake token ({@code Authorization: Bearer}) for relays,
 * importers and pollers, or the platform's own push signature where the platform signs its pushes.
 */
@ApplicationScoped
public class IntakeAuthenticator {

    private final ShopRegistry shops;
    private final Map<Channel, PushSignature> signatures = new EnumMap<>(Channel.class);

    @Inject
    public IntakeAuthenticator(ShopRegistry shops, Instance<PushSignature> schemes) {
        this(shops, (Iterable<PushSignature>) schemes);
    }

    /** For plain unit tests: the signature schemes given directly instead of by CDI. */
    IntakeAuthenticator(ShopRegistry shops, Iterable<PushSignature> schemes) {
        this.shops = shops;
        schemes.forEach(s -> signatures.put(s.channel(), s));
    }

    public Shop authenticate(Channel channel, IntakeRequest request) {
        String authorization = request.header("Authorization");
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw IntakeRejection.unauthorized("Authorization must be 'Bearer <intake token>'");
            }
            return shops.byToken(channel, authorization.substring(7).trim())
                    .orElseThrow(() -> IntakeRejection.unauthorized("intake token is not valid for channel "
                            + channel.code()));
        }
        PushSignature scheme = signatures.get(channel);
        if (scheme != null && scheme.present(request)) {
            List<Shop> candidates = shops.onChannel(channel);
            Optional<Shop> shop = scheme.verify(request, candidates);
            return shop.orElseThrow(() -> IntakeRejection.badSignature(channel.code()
                    + " push signature does not verify against any configured shop"));
        }
        throw IntakeRejection.unauthorized("no intake token and no " + channel.code() + " push signature");
    }
}
