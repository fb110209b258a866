package io.orderhub.rules.crm;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.util.Hashing;

/**
 * The stable identities of a canonical order as SHA-256 hex digests of a normalised identity string: what the
 * customer, blacklist, duplicate and limit tables store and match on, so no table or decision holds a raw buyer id,
 * phone or address. Loading APIs hash what the merchant sends with the same functions.
 */
public final class Identities {

    private static final Pattern VIRTUAL = Pattern.compile("^\\+?(\\d{6,15})\\s*[-_#,转]\\s*(\\d{1,6})$");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-()]");

    private Identities() {
    }

    /** channel + platform buyer / open id, or null when the order carries none. */
    public static String buyer(String channel, String platformBuyerId) {
        return blank(platformBuyerId) || blank(channel)
                ? null
                : hash("buyer|" + channel + "|" + platformBuyerId.trim());
    }

    public static String buyer(JsonNode order) {
        return buyer(order.path("channel").asText(null), order.path("buyer").path("platformBuyerId").asText(null));
    }

    /**
     * The receiver phone as a stable identity: a plain number (any channel) or the platform's contact ciphertext /
     * index (per channel); null for masked, virtual or absent phones, which identify nobody for long.
     */
    public static String phone(String channel, String phone, String kind) {
        if (blank(phone)) {
            return null;
        }
        if ("PLAIN".equals(kind)) {
            String digits = plainDigits(phone);
            return digits == null ? null : hash("phone|" + digits);
        }
        if ("ENCRYPTED".equals(kind) && !blank(channel)) {
            return hash("contact|" + channel + "|" + contactIndex(channel, phone.trim()));
        }
        return null;
    }

    public static String phone(JsonNode order) {
        JsonNode r = order.path("receiver");
        return phone(order.path("channel").asText(null), r.path("phone").asText(null),
                r.path("phoneKind").asText(null));
    }

    /** A virtual number with extension (main digits + extension), or null when the text is not one. */
    public static String virtualNumber(String phone) {
        if (blank(phone)) {
            return null;
        }
        Matcher m = VIRTUAL.matcher(phone.trim());
        return m.matches() ? hash("virtual|" + m.group(1) + "-" + m.group(2)) : null;
    }

    /**
     * The buyer as the duplicate guard and purchase limits count them: the platform buyer id, else the receiver's
     * stable phone identity; null when the order has neither.
     */
    public static String buyerOrContact(JsonNode order) {
        String b = buyer(order);
        return b != null ? b : phone(order);
    }

    /**
     * The receiver address (province, city, district, town, street detail; Unicode-normalised, blanks removed, lower
     * case); null when the street detail is absent or masked ({@code *}), since a masked address matches strangers.
     */
    public static String address(JsonNode receiver) {
        return address(receiver, false);
    }

    /**
     * As {@link #address(JsonNode)}; with {@code allowMasked} a masked street detail hashes too (where another key,
     * such as the buyer, already narrows the match to one person).
     */
    public static String address(JsonNode receiver, boolean allowMasked) {
        String detail = receiver.path("address").asText("");
        if (detail.isBlank() || (!allowMasked && detail.contains("*"))) {
            return null;
        }
        StringBuilder s = new StringBuilder("addr");
        for (String f : new String[]{"province", "city", "district", "town", "address"}) {
            s.append('|').append(normalise(receiver.path(f).asText("")));
        }
        return hash(s.toString());
    }

    /** The first 12 hex digits: enough for operators to compare decisions, not a usable key. */
    public static String mask(String hash) {
        return hash == null ? null : hash.substring(0, Math.min(12, hash.length())) + "…";
    }

    /** Digits of a plain phone without separators and the +86 / 0086 country prefix, or null if none remain. */
    public static String plainDigits(String phone) {
        String d = SEPARATORS.matcher(phone.trim()).replaceAll("");
        if (d.startsWith("+86")) {
            d = d.substring(3);
        } else if (d.startsWith("0086")) {
            d = d.substring(4);
        }
        return d.matches("\\+?\\d{5,20}") ? d : null;
    }

    /**
     * Pinduoduo phone ciphertexts are {@code $<search index>$<ciphertext>$<key version>$$}: the search index stays the
     * same when the platform rotates its key, so it is the identity. Other platforms: the contact string as given.
     */
    static String contactIndex(String channel, String cipher) {
        if ("pdd".equals(channel) && cipher.startsWith("$") && !cipher.startsWith("$$")) {
            String[] parts = cipher.substring(1).split("\\$");
            if (parts.length >= 3 && !parts[0].isEmpty()) {
                return parts[0];
            }
        }
        return cipher;
    }

    static String normalise(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }

    public static String hash(String identity) {
        return Hashing.sha256Hex(identity);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
