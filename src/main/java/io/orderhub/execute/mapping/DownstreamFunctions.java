package io.orderhub.execute.mapping;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.dashjoin.jsonata.Jsonata;

import io.orderhub.mapping.JsonataFunctions;

/**
 * The helpers downstream mapping files call on top of the channel helpers ({@code $str $int $nz $json $utc}): money
 * from fen to the yuan strings downstream APIs want, China wall-clock times, exact apportioning and tax, and codes that
 * fit a downstream field. Static methods, so they are unit-tested without JSONata.
 */
public final class DownstreamFunctions {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(SHANGHAI);

    private DownstreamFunctions() {
    }

    /** Binds the helpers and {@code $now} (the build time, UTC ISO-8601) into a fresh frame. */
    static Jsonata.Frame bind(Jsonata expression, Instant now) {
        Jsonata.Frame frame = expression.createFrame();
        frame.bind("now", now.toString());
        frame.bind("str", (Jsonata.Fn1<Object, Object>) JsonataFunctions::str);
        frame.bind("int", (Jsonata.Fn1<Object, Object>) JsonataFunctions::toInt);
        frame.bind("nz", (Jsonata.Fn2<Object, Object, Object>) JsonataFunctions::nz);
        frame.bind("json", (Jsonata.Fn1<Object, Object>) JsonataFunctions::json);
        frame.bind("utc", (Jsonata.Fn1<Object, Object>) JsonataFunctions::utc);
        frame.bind("yuan", (Jsonata.Fn1<Object, Object>) DownstreamFunctions::yuan);
        frame.bind("price", (Jsonata.Fn2<Object, Object, Object>) DownstreamFunctions::price);
        frame.bind("local", (Jsonata.Fn1<Object, Object>) DownstreamFunctions::local);
        frame.bind("apportion", (Jsonata.Fn2<Object, Object, Object>) DownstreamFunctions::apportion);
        frame.bind("taxFen", (Jsonata.Fn2<Object, Object, Object>) DownstreamFunctions::taxFen);
        frame.bind("code", (Jsonata.Fn2<Object, Object, Object>) DownstreamFunctions::code);
        return frame;
    }

    /** Fen (a number, possibly fractional after a division) to a yuan string with two decimals, half-up. */
    public static String yuan(Object fen) {
        BigDecimal amount = decimal("yuan", fen);
        return amount == null ? null : amount.movePointLeft(2).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** A unit price in yuan from a line total in fen and a quantity: up to 8 decimals, at least 2 (e-invoice rule). */
    public static String price(Object totalFen, Object quantity) {
        BigDecimal total = decimal("price", totalFen);
        BigDecimal qty = decimal("price", quantity);
        if (total == null || qty == null) {
            return null;
        }
        if (qty.signum() == 0) {
            throw DownstreamMappingException.helper("price", "quantity is 0");
        }
        BigDecimal unit = total.movePointLeft(2).divide(qty, 8, RoundingMode.HALF_UP).stripTrailingZeros();
        return (unit.scale() < 2 ? unit.setScale(2) : unit).toPlainString();
    }

    /** A UTC ISO-8601 instant to China wall-clock {@code yyyy-MM-dd HH:mm:ss}; null stays null. */
    public static String local(Object utc) {
        String text = JsonataFunctions.str(utc);
        if (text == null) {
            return null;
        }
        try {
            return LOCAL.format(Instant.parse(text));
        } catch (java.time.format.DateTimeParseException e) {
            throw DownstreamMappingException.helper("local", "'" + text + "' is not a UTC instant");
        }
    }

    /**
     * Splits a whole number of fen over weights in proportion, rounding down, with the remainder on the last share
     * (how ERPs apportion an order-level discount); the shares always add up to the total.
     */
    public static List<Long> apportion(Object totalFen, Object weights) {
        BigDecimal total = decimal("apportion", totalFen);
        List<BigDecimal> parts = new ArrayList<>();
        if (weights instanceof List<?> list) {
            for (Object w : list) {
                parts.add(decimal("apportion", w));
            }
        } else if (weights != null) {
            parts.add(decimal("apportion", weights));
        }
        if (total == null || parts.isEmpty()) {
            return List.of();
        }
        BigDecimal sum = parts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        List<Long> shares = new ArrayList<>();
        long given = 0;
        for (int i = 0; i < parts.size() - 1; i++) {
            long share = sum.signum() == 0
                    ? 0
                    : total.multiply(parts.get(i)).divide(sum, 0, RoundingMode.FLOOR).longValueExact();
            shares.add(share);
            given += share;
        }
        shares.add(total.longValueExact() - given);
        return shares;
    }

    /** The VAT inside a tax-inclusive amount: round(amount × rate / (1 + rate)) fen, half-up; rate like "0.13". */
    public static Long taxFen(Object inclusiveFen, Object rate) {
        BigDecimal amount = decimal("taxFen", inclusiveFen);
        BigDecimal r = decimal("taxFen", rate);
        if (amount == null || r == null) {
            return null;
        }
        return amount.multiply(r).divide(BigDecimal.ONE.add(r), 0, RoundingMode.HALF_UP).longValueExact();
    }

    /**
     * A downstream code from a key: characters other than letters, digits, '_' and '-' become '-'; a result longer
     * than {@code maxLength} is cut and ends with 8 hex of the key's SHA-256, so it stays stable and distinct.
     */
    public static String code(Object key, Object maxLength) {
        String text = JsonataFunctions.str(key);
        BigDecimal max = decimal("code", maxLength);
        if (text == null || max == null) {
            return null;
        }
        int limit = max.intValueExact();
        if (limit < 12) {
            throw DownstreamMappingException.helper("code", "maxLength " + limit + " is below 12");
        }
        String clean = text.replaceAll("[^A-Za-z0-9_-]", "-");
        if (clean.length() <= limit) {
            return clean;
        }
        return clean.substring(0, limit - 9) + "-" + sha256(text).substring(0, 8);
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static BigDecimal decimal(String function, Object value) {
        if (value == null || value == Jsonata.NULL_VALUE || "".equals(value)) {
            return null;
        }
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Number n) {
            if (n instanceof Double || n instanceof Float) {
                if (!Double.isFinite(n.doubleValue())) {
                    throw DownstreamMappingException.helper(function, "'" + n + "' is not a number");
                }
                return BigDecimal.valueOf(n.doubleValue());
            }
            return new BigDecimal(n.toString());
        }
        try {
            return new BigDecimal(value.toString().trim());
        } catch (NumberFormatException e) {
            throw DownstreamMappingException.helper(function, "'" + value + "' is not numeric");
        }
    }
}
