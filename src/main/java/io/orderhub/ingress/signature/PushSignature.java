package io.orderhub.ingress.signature;

import java.util.List;
import java.util.Optional;

import io.orderhub.ingress.Channel;
import io.orderhub.ingress.IntakeRequest;
import io.orderhub.ingress.ShopRegistry.Shop;

/** One platform's own HTTP push signature scheme, as its open-platform documents describe it. */
public interface PushSignature {

    Channel channel();

    /** Whether the request carries this scheme's signature fields at all. */
    boolean present(IntakeRequest request);

    /** The shop whose secret verifies the request's signature, or empty when none does. */
    Optional<Shop> verify(IntakeRequest request, List<Shop> shops);
}
