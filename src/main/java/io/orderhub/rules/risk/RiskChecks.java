package io.orderhub.rules.risk;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.rules.crm.Identities;

/** The risk checks that need only the order and the parameters; each answers its reason, or empty. */
final class RiskChecks {

    private RiskChecks() {
    }

    /** A pickup-point keyword in town or street detail, and no house number in the street detail. */
    static Optional<String> pickupPoint(JsonNode receiver, RiskParams.PickupPoint p) {
        String detail = receiver.path("address").asText("");
        String text = receiver.path("town").asText("") + detail;
        Optional<String> keyword = list(p.keywords()).stream().filter(text::contains).findFirst();
        if (keyword.isEmpty() || Pattern.compile(p.houseNumberPattern()).matcher(detail).find()) {
            return Optional.empty();
        }
        return Optional.of("pickupPoint: address is a pickup point (" + keyword.get() + ") without a house number");
    }

    /**
     * Reachability: PLAIN must be a valid number; VIRTUAL and ENCRYPTED reach the buyer (through the privacy number or
     * the platform's decryption); MASKED or absent reach the buyer only on a channel with platform contact or on an
     * order the platform marks PRIVACY_PROTECTED (its privacy-number service).
     */
    static Optional<String> phone(JsonNode order, RiskParams.Phone p) {
        JsonNode r = order.path("receiver");
        String phone = r.path("phone").asText("");
        String kind = r.path("phoneKind").asText("");
        boolean platformContact = list(p.platformContactChannels()).contains(order.path("channel").asText())
                || tags(order).contains("PRIVACY_PROTECTED");
        if (phone.isBlank()) {
            return platformContact
                    ? Optional.empty()
                    : Optional.of("phone: no phone and no platform contact channel");
        }
        switch (kind) {
            case "PLAIN" -> {
                String digits = Identities.plainDigits(phone);
                return digits != null && digits.matches(p.validPattern())
                        ? Optional.empty()
                        : Optional.of("phone: invalid number (" + digits(phone) + " digits)");
            }
            case "MASKED" -> {
                return platformContact
                        ? Optional.empty()
                        : Optional.of("phone: masked, no virtual number and no platform contact channel");
            }
            case "VIRTUAL", "ENCRYPTED" -> {
                return Optional.empty();
            }
            default -> {
                return Optional.of("phone: unknown phone kind");
            }
        }
    }

    private static long digits(String phone) {
        return phone.chars().filter(Character::isDigit).count();
    }

    static List<String> tags(JsonNode order) {
        List<String> t = new java.util.ArrayList<>();
        order.path("tags").forEach(n -> t.add(n.asText()));
        return t;
    }

    static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }
}
