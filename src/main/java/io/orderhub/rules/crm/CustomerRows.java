package io.orderhub.rules.crm;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.ingress.Channel;
import io.orderhub.web.ApiError;

/**
 * Reads the customer table as the merchant sends it — a JSON list of objects or a CSV with a header row, both with the
 * fields {@link #FIELDS} — and refuses the whole load, naming the row and field, if any row is unusable.
 */
public final class CustomerRows {

    public static final List<String> FIELDS = List.of("customerId", "segment", "earlierOrders", "channel", "buyerId",
            "contact", "phone", "virtualNumber", "virtualExpiresAt");
    private static final int MAX_ROWS = 50_000;

    private CustomerRows() {
    }

    public static List<CustomerRow> fromJson(JsonNode list) {
        if (list == null || !list.isArray()) {
            throw new ApiError(400, "malformed_payload", "body must be a JSON list of customer objects");
        }
        List<CustomerRow> rows = new ArrayList<>();
        int i = 0;
        for (JsonNode n : list) {
            i++;
            if (!n.isObject()) {
                throw bad(i, "row", "must be an object");
            }
            for (Iterator<String> names = n.fieldNames(); names.hasNext();) {
                String f = names.next();
                if (!FIELDS.contains(f)) {
                    throw bad(i, f, "is not a customer field " + FIELDS);
                }
            }
            int row = i;
            rows.add(row(row, f -> n.hasNonNull(f) ? n.get(f).asText() : null));
        }
        return limited(rows);
    }

    public static List<CustomerRow> fromCsv(String text) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (String h : parser.getHeaderNames()) {
                if (!FIELDS.contains(h)) {
                    throw new ApiError(400, "bad_parameter", "CSV column '" + h + "' is not a customer field "
                            + FIELDS);
                }
            }
            List<CustomerRow> rows = new ArrayList<>();
            for (CSVRecord r : parser) {
                int line = (int) r.getRecordNumber() + 1;
                rows.add(row(line, f -> r.isMapped(f) && r.isSet(f) && !r.get(f).isEmpty() ? r.get(f) : null));
            }
            return limited(rows);
        } catch (IOException | IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new ApiError(400, "malformed_payload", "body is not a CSV with a header row: " + e.getMessage());
        }
    }

    private static CustomerRow row(int i, Function<String, String> field) {
        String id = field.apply("customerId");
        if (id == null || id.isBlank() || id.length() > 128) {
            throw bad(i, "customerId", "is required (at most 128 characters)");
        }
        String segment = field.apply("segment") == null ? Customer.REGULAR : field.apply("segment").trim();
        if (!Set.of(Customer.VIP, Customer.REGULAR).contains(segment)) {
            throw bad(i, "segment", "must be VIP or REGULAR (NEW is derived: earlierOrders 0)");
        }
        int earlier = integer(i, field.apply("earlierOrders"));
        String channel = field.apply("channel");
        if (channel != null && Channel.fromCode(channel).isEmpty()) {
            throw bad(i, "channel", "is not a canonical channel code");
        }
        if (channel == null && (field.apply("buyerId") != null || field.apply("contact") != null)) {
            throw bad(i, "channel", "is required with buyerId or contact");
        }
        String phone = field.apply("phone");
        if (phone != null && Identities.plainDigits(phone) == null) {
            throw bad(i, "phone", "must be a plain phone number");
        }
        String virtual = field.apply("virtualNumber");
        Instant expires = instant(i, field.apply("virtualExpiresAt"));
        if (virtual != null && (Identities.virtualNumber(virtual) == null || expires == null)) {
            throw bad(i, "virtualNumber", "must be a number with extension (13800000000-1234) with virtualExpiresAt");
        }
        return new CustomerRow(id.trim(), segment, earlier, channel, field.apply("buyerId"), field.apply("contact"),
                phone, virtual, expires);
    }

    private static int integer(int i, String v) {
        try {
            int n = v == null ? 0 : Integer.parseInt(v.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw bad(i, "earlierOrders", "must be a whole number >= 0");
        }
    }

    private static Instant instant(int i, String v) {
        try {
            return v == null ? null : Instant.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw bad(i, "virtualExpiresAt", "must be an ISO-8601 UTC instant (2025-06-18T00:00:00Z)");
        }
    }

    private static List<CustomerRow> limited(List<CustomerRow> rows) {
        if (rows.isEmpty() || rows.size() > MAX_ROWS) {
            throw new ApiError(400, "bad_parameter", "1.." + MAX_ROWS + " customer rows per load");
        }
        return rows;
    }

    private static ApiError bad(int row, String field, String what) {
        return new ApiError(400, "bad_parameter", "row " + row + ": " + field + " " + what);
    }
}
