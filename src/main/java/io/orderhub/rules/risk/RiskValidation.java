package io.orderhub.rules.risk;

/** Refuses unusable risk parameters, naming the field. */
final class RiskValidation {

    private RiskValidation() {
    }

    static void check(RiskParams p) {
        if (p.pickupPoint() != null) {
            RiskRule.pattern(p.pickupPoint().houseNumberPattern(), "pickupPoint.houseNumberPattern");
            if (RiskChecks.list(p.pickupPoint().keywords()).stream().anyMatch(k -> k == null || k.isBlank())) {
                throw new IllegalArgumentException("pickupPoint.keywords must not contain blanks");
            }
        }
        if (p.phone() != null) {
            RiskRule.pattern(p.phone().validPattern(), "phone.validPattern");
        }
        RiskParams.Amount a = p.amount();
        if (a != null) {
            positive(a.factor(), 0, "amount.factor");
            positive(a.sampleSize(), 1, "amount.sampleSize");
            positive(a.minSamples(), 1, "amount.minSamples");
            if (a.thresholdFen() != null && a.thresholdFen().values().stream().anyMatch(v -> v == null || v < 0)) {
                throw new IllegalArgumentException("amount.thresholdFen values must be >= 0");
            }
        }
        if (p.addressBurst() != null) {
            positive(p.addressBurst().windowMinutes(), 1, "addressBurst.windowMinutes");
            positive(p.addressBurst().maxOrders(), 1, "addressBurst.maxOrders");
        }
    }

    private static void positive(Integer v, int min, String field) {
        if (v != null && v < min) {
            throw new IllegalArgumentException(field + " must be >= " + min);
        }
    }
}
