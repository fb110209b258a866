package io.orderhub.rules.merge;

import java.text.Normalizer;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.util.Hashing;

/**
 * The comparable identity of a receiver: SHA-256 over the normalised name, phone and address fields (NFKC, no
 * whitespace, lower case; a plain phone as its digits without +86; encrypted values as the platform's search index,
 * see {@link #searchIndex}). Masked values (containing *) and VIRTUAL numbers (privacy numbers with extension,
 * different per order) cannot be compared: {@code hash} is null and {@code reason} says why.
 */
public record ReceiverKey(String hash, String reason, String phoneKind) {

    private static final char SEP = '\u001f';

    public static ReceiverKey of(JsonNode receiver) {
        String kind = receiver.path("phoneKind").asText(null);
        String name = norm(receiver.path("name").asText(null));
        String address = norm(receiver.path("address").asText(null));
        String rawPhone = receiver.path("phone").asText(null);
        if (name == null || address == null || rawPhone == null || rawPhone.isBlank()) {
            return new ReceiverKey(null, "receiver name, phone or address missing", kind);
        }
        String phone = phone(rawPhone, kind);
        if (phone == null) {
            return new ReceiverKey(null, "phone " + kind + " cannot be compared", kind);
        }
        if (name.contains("*") || address.contains("*")) {
            return new ReceiverKey(null, "receiver name or address masked", kind);
        }
        StringBuilder key = new StringBuilder(name).append(SEP).append(phone);
        for (String field : new String[]{"province", "city", "district", "town"}) {
            String v = norm(receiver.path(field).asText(null));
            key.append(SEP).append(v == null ? "" : v);
        }
        key.append(SEP).append(address);
        return new ReceiverKey(Hashing.sha256Hex(key.toString()), null, kind);
    }

    /** A prefix of the hash for decision records and logs. */
    public String shortHash() {
        return hash == null ? null : hash.substring(0, 12);
    }

    private static String phone(String raw, String kind) {
        if (raw.contains("*") || kind == null) {
            return null;
        }
        return switch (kind) {
            case "PLAIN" -> {
                String digits = raw.replaceAll("\\D", "");
                boolean international = raw.trim().startsWith("+") || digits.startsWith("0086");
                digits = digits.startsWith("0086") ? digits.substring(2) : digits;
                yield digits.startsWith("86") && (international || digits.length() == 13)
                        ? digits.substring(2)
                        : digits;
            }
            case "ENCRYPTED" -> searchIndex(raw.trim());
            default -> null;
        };
    }

    /**
     * A platform ciphertext such as PDD's {@code $index$cipher$v$$} or {@code ~cipher~index~v~~} (Douyin, Taobao alike)
     * carries a search index that is stable for one value while the cipher part is randomised: the index is the shorter
     * of the first two segments. Anything else (an oaid, a bare cipher) is kept whole.
     */
    static String searchIndex(String value) {
        char wrap = value.charAt(0);
        if ((wrap == '$' || wrap == '#' || wrap == '~') && value.length() > 2 && value.indexOf(wrap, 1) > 0) {
            String[] parts = value.substring(1).split(java.util.regex.Pattern.quote(String.valueOf(wrap)));
            if (parts.length >= 2 && !parts[0].isEmpty() && !parts[1].isEmpty()) {
                return "idx:" + (parts[0].length() <= parts[1].length() ? parts[0] : parts[1]);
            }
        }
        return "enc:" + value;
    }

    private static String norm(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.length() > 2 && "$#~".indexOf(trimmed.charAt(0)) >= 0
                && trimmed.charAt(trimmed.length() - 1) == trimmed.charAt(0)) {
            return searchIndex(trimmed);
        }
        String n = Normalizer.normalize(value, Normalizer.Form.NFKC).replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
        return n.isEmpty() ? null : n;
    }
}
