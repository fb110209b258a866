package io.orderhub.rules.stock;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Province names as the platforms write them differ ("广东" / "广东省", "上海" / "上海市", "广西壮族自治区" / "广西"):
 * distance lookups compare them without the administrative suffix.
 */
final class Provinces {

    private static final Pattern SUFFIX = Pattern.compile("(壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市)$");

    private Provinces() {
    }

    static String normalize(String province) {
        return province == null ? null : SUFFIX.matcher(province.trim()).replaceFirst("");
    }

    /** The distance ranks from one receiver province, every name normalised. */
    static Map<String, Integer> ranksFrom(Map<String, Map<String, Integer>> table, String receiverProvince) {
        String from = normalize(receiverProvince);
        Map<String, Integer> ranks = new HashMap<>();
        if (from == null) {
            return ranks;
        }
        table.forEach((f, row) -> {
            if (from.equals(normalize(f))) {
                row.forEach((to, rank) -> ranks.merge(normalize(to), rank, Math::min));
            }
        });
        return ranks;
    }
}
