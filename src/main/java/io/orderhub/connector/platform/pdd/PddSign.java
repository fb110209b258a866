package io.orderhub.connector.platform.pdd;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.orderhub.util.Hashing;

/**
 * The PDD open-API signature: upper-case hex MD5 of client_secret + every parameter but {@code sign} as key + value in
 * ascending key order + client_secret. As the official gateway SDKs compute it (github.com/bububa/openpdd
 * {@code core/client.go} {@code sign}, github.com/lywzx/pdd-node-sdk {@code packages/core/src/libs/pdd-client.ts}
 * {@code sign}); PDD documents only this one sign method.
 */
final class PddSign {

    private PddSign() {
    }

    static String sign(Map<String, String> params, String clientSecret) {
        StringBuilder plain = new StringBuilder(clientSecret);
        new TreeMap<>(params).forEach((k, v) -> {
            if (!"sign".equals(k) && v != null) {
                plain.append(k).append(v);
            }
        });
        plain.append(clientSecret);
        return Hashing.hex("MD5", plain.toString().getBytes(StandardCharsets.UTF_8)).toUpperCase(Locale.ROOT);
    }
}
