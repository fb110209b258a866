package io.orderhub.rules.risk;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.ingress.Channel;
import io.orderhub.rules.crm.Identities;
import io.orderhub.web.ApiError;

/**
 * Reads blacklist entries: {@code {"kind": "BUYER", "channel", "value"}}, {@code {"kind": "PHONE", "value"}} (a plain
 * number) or {@code {"kind": "PHONE", "channel", "value"}} (the platform's contact ciphertext), {@code {"kind":
 * "ADDRESS", "address": {province, city, district, town, address}}}, or any kind with {@code "hash"} (64 hex, as
 * computed by {@link Identities}); optional {@code note}. Raw values are hashed here and never stored.
 */
final class BlacklistEntries {

    private BlacklistEntries() {
    }

    static List<Blacklist.Entry> read(JsonNode list) {
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > 10_000) {
            throw new ApiError(400, "malformed_payload", "body must be a JSON list of 1..10000 blacklist entries");
        }
        List<Blacklist.Entry> entries = new ArrayList<>();
        int i = 0;
        for (JsonNode n : list) {
            i++;
            String kind = n.path("kind").asText("");
            String hash = n.hasNonNull("hash")
                    ? n.get("hash").asText().toLowerCase(java.util.Locale.ROOT)
                    : hash(i, kind, n);
            if (!List.of("BUYER", "PHONE", "ADDRESS").contains(kind)) {
                throw bad(i, "kind must be BUYER, PHONE or ADDRESS");
            }
            if (hash == null || !hash.matches("[0-9a-f]{64}")) {
                throw bad(i, "gives no usable identity (value / address / hash)");
            }
            entries.add(new Blacklist.Entry(kind, hash, n.hasNonNull("note") ? n.get("note").asText() : null));
        }
        return entries;
    }

    private static String hash(int i, String kind, JsonNode n) {
        String channel = n.path("channel").asText(null);
        if (channel != null && Channel.fromCode(channel).isEmpty()) {
            throw bad(i, "channel is not a canonical channel code");
        }
        String value = n.path("value").asText(null);
        return switch (kind) {
            case "BUYER" -> Identities.buyer(channel, value);
            case "PHONE" -> value != null && channel != null && Identities.plainDigits(value) == null
                    ? Identities.phone(channel, value, "ENCRYPTED")
                    : Identities.phone(null, value, "PLAIN");
            case "ADDRESS" -> n.path("address").isObject() ? Identities.address(n.get("address")) : null;
            default -> null;
        };
    }

    private static ApiError bad(int row, String what) {
        return new ApiError(400, "bad_parameter", "entry " + row + ": " + what);
    }
}
