package io.orderhub.mapping;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.dashjoin.jsonata.Jsonata;

/**
 * The helper functions every mapping file may call ({@code $fen}, {@code $utc}, {@code $status}, ...). Each is a
 * static method so it can be unit-tested without JSONata; {@link #bind} puts them into an evaluation frame.
 */
public final class JsonataFunctions {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final List<DateTimeFormatter> LOCAL_FORMATS = List.of(
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"),
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"),
            DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss"),
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS"));
    /** Placeholders platforms send for "not set" (JD outBoundDate 0001-01-01, WDT/ERP 0000-00-00). */
    private static final Pattern UNSET_TIME = Pattern
            .compile("0{3}[01]-0{1,2}[01]?-0{1,2}[01]?([ T]0{1,2}:0{2}:0{2})?");
    private static final BigDecimal MILLIS_THRESHOLD = new BigDecimal("1e11");

    private static final Pattern MASKED = Pattern.compile(".*\\*.*");
    private static final Pattern VIRTUAL = Pattern.compile("(\\+?86[- ]?)?1\\d{10}\\s*([-_#,，]|转)\\s*\\d{1,8}");
    private static final Pattern WRAPPED_CIPHER = Pattern.compile("([#$~]{1,2}).+\\1");
    private static final Pattern CIPHER = Pattern.compile("[A-Za-z0-9+/=_\\-]{20,}");
    private static final Pattern PLAIN = Pattern.compile("\\+?[0-9][0-9 ()\\-]{4,22}[0-9]");

    private JsonataFunctions() {
    }

    /** Binds every helper plus {@code $channel}/{@code $shop} into a fresh frame of the given expression. */
    static Jsonata.Frame bind(Jsonata expression, StatusTable table, String shopId) {
        Jsonata.Frame frame = expression.createFrame();
        frame.bind("channel", table.channel());
        frame.bind("shop", shopId);
        frame.bind("fen", (Jsonata.Fn1<Object, Object>) JsonataFunctions::fen);
        frame.bind("int", (Jsonata.Fn1<Object, Object>) JsonataFunctions::toInt);
        frame.bind("utc", (Jsonata.Fn1<Object, Object>) JsonataFunctions::utc);
        frame.bind("phoneKind", (Jsonata.Fn1<Object, Object>) JsonataFunctions::phoneKind);
        frame.bind("str", (Jsonata.Fn1<Object, Object>) JsonataFunctions::str);
        frame.bind("nz", (Jsonata.Fn2<Object, Object, Object>) JsonataFunctions::nz);
        frame.bind("json", (Jsonata.Fn1<Object, Object>) JsonataFunctions::json);
        frame.bind("formDecode", (Jsonata.Fn1<Object, Object>) JsonataFunctions::formDecode);
        frame.bind("status", (Jsonata.Fn1<Object, Object>) code -> table.status(str(code)));
        frame.bind("afterSales", (Jsonata.Fn1<Object, Object>) code -> table.afterSales(str(code)));
        return frame;
    }

    /** Yuan (string or number) to integer fen, exactly; null/absent/"" give null. */
    public static Long fen(Object yuan) {
        BigDecimal amount = decimal("fen", yuan);
        if (amount == null) {
            return null;
        }
        BigDecimal fen = amount.movePointRight(2);
        if (fen.signum() != 0 && fen.stripTrailingZeros().scale() > 0) {
            throw MappingException.helper("fen", "'" + text(yuan) + "' has more than 2 decimals");
        }
        try {
            return fen.longValueExact();
        } catch (ArithmeticException e) {
            throw MappingException.helper("fen", "'" + text(yuan) + "' is out of range");
        }
    }

    /** A string or number that must be a whole number (fen amounts, quantities); null-safe. */
    public static Long toInt(Object value) {
        BigDecimal number = decimal("int", value);
        if (number == null) {
            return null;
        }
        try {
            return number.longValueExact();
        } catch (ArithmeticException e) {
            throw MappingException.helper("int", "'" + text(value) + "' is not a whole number");
        }
    }

    /**
     * A platform time to a UTC ISO-8601 instant: Asia/Shanghai wall-clock strings, epoch seconds or millis (≥ 1e11
     * means millis), or ISO-8601 with an offset; null, "", 0 and "not set" placeholders give null.
     */
    public static String utc(Object time) {
        if (isBlank(time)) {
            return null;
        }
        String text = text(time).trim();
        if (time instanceof Number || DIGITS.matcher(text).matches()) {
            BigDecimal epoch = new BigDecimal(text);
            if (epoch.signum() == 0) {
                return null;
            }
            long value = epoch.longValue();
            Instant instant = epoch.compareTo(MILLIS_THRESHOLD) >= 0
                    ? Instant.ofEpochMilli(value)
                    : Instant.ofEpochSecond(value);
            return instant.toString();
        }
        if (UNSET_TIME.matcher(text).matches()) {
            return null;
        }
        for (DateTimeFormatter format : LOCAL_FORMATS) {
            try {
                return LocalDateTime.parse(text, format).atZone(SHANGHAI).toInstant().toString();
            } catch (DateTimeParseException e) {
                // try the next accepted layout
            }
        }
        try {
            return OffsetDateTime.parse(text).toInstant().toString();
        } catch (DateTimeParseException e) {
            throw MappingException.helper("utc", "'" + text + "' is not a supported time");
        }
    }

    /** Classifies a receiver phone as MASKED, VIRTUAL, ENCRYPTED or PLAIN; never echoes the number in errors. */
    public static String phoneKind(Object phone) {
        if (isBlank(phone)) {
            return null;
        }
        String p = text(phone).trim();
        if (WRAPPED_CIPHER.matcher(p).matches()) {
            return "ENCRYPTED";
        }
        if (MASKED.matcher(p).matches()) {
            return "MASKED";
        }
        if (VIRTUAL.matcher(p).matches()) {
            return "VIRTUAL";
        }
        if (PLAIN.matcher(p).matches()) {
            return "PLAIN";
        }
        if (CIPHER.matcher(p).matches()) {
            return "ENCRYPTED";
        }
        throw MappingException.helper("phoneKind", "phone of " + p.length() + " characters matches no known form");
    }

    /** Any scalar as a string (integers exact, no ".0"); null and "" give null. */
    public static String str(Object value) {
        if (isBlank(value)) {
            return null;
        }
        if (value instanceof Double || value instanceof Float) {
            BigDecimal d = BigDecimal.valueOf(((Number) value).doubleValue());
            return (d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros()).toPlainString();
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw MappingException.helper("str",
                    "expects a scalar, got " + (value instanceof Map ? "object" : "array"));
        }
        return value.toString();
    }

    /** {@code value} unless it is null, absent or "", else {@code fallback}. */
    public static Object nz(Object value, Object fallback) {
        return isBlank(value) ? unwrap(fallback) : value;
    }

    /** Parses a JSON string (envelopes carrying JSON as text); an already-parsed object passes through. */
    public static Object json(Object text) {
        if (isBlank(text)) {
            return null;
        }
        if (text instanceof Map<?, ?> || text instanceof List<?>) {
            return text;
        }
        return PayloadReader.readJson(text(text));
    }

    /** URL-decodes (UTF-8, '+' as space). */
    public static String formDecode(Object text) {
        if (isBlank(text)) {
            return null;
        }
        try {
            return URLDecoder.decode(text(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw MappingException.helper("formDecode", "malformed %-escape");
        }
    }

    private static BigDecimal decimal(String function, Object value) {
        if (isBlank(value)) {
            return null;
        }
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger bi) {
            return new BigDecimal(bi);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw MappingException.helper(function, "'" + d + "' is not a number");
            }
            return BigDecimal.valueOf(d);
        }
        String text = text(value).trim();
        if (!DECIMAL.matcher(text).matches()) {
            throw MappingException.helper(function, "'" + text + "' is not numeric");
        }
        return new BigDecimal(text);
    }

    private static boolean isBlank(Object value) {
        return value == null || value == Jsonata.NULL_VALUE || (value instanceof String s && s.isEmpty());
    }

    private static Object unwrap(Object value) {
        return value == Jsonata.NULL_VALUE ? null : value;
    }

    private static String text(Object value) {
        return value instanceof String s ? s : str(value);
    }
}
