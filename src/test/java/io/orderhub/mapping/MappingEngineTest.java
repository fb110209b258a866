package io.orderhub.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;

class MappingEngineTest {

    private static final String MAPPING = """
            /* a deliberately small mapping over an invented test shape (not a platform payload) */
            kind = 'notice' ? {"notice": {"platformOrderId": $str(id), "platformStatus": st, "updatedAt": $utc(at)}} : {
              "schemaVersion": 1,
              "channel": "taobao",
              "shopId": $nz($shop, shop),
              "platformOrderId": $str(id),
              "status": $status(st),
              "afterSales": $afterSales(refund),
              "platformStatus": st,
              "createdAt": $utc(at),
              "buyer": {"nick": nick},
              "receiver": {"phone": phone, "phoneKind": $phoneKind(phone)},
              "lines": [items.{"lineId": $str(oid), "quantity": $int(qty), "unitPriceFen": $fen(price),
                        "paidFen": $fen(paid)}],
              "amounts": {"currency": "CNY", "itemsFen": $fen(total), "paidFen": $fen(total)},
              "tags": []
            }
            """;
    private static final String STATUS = """
            channel: demo
            sources: ["test"]
            orderStatus:
              WAIT: PENDING_PAYMENT
              PAID: PAID
            afterSales:
              SUCCESS: REFUNDED
            afterSalesNone: ["", "NO_REFUND"]
            """;

    @TempDir
    Path dir;
    private MappingEngine engine;

    @BeforeEach
    void setUp() throws IOException {
        write("channels/demo.jsonata", MAPPING);
        write("status/demo.yaml", STATUS);
        engine = MappingEngine.load(dir);
    }

    @Test
    void mapsAndKeepsNineteenDigitIdsExact() {
        MappingResult result = map("""
                {"id": 4175523456789012345, "st": "PAID", "at": "2024-05-01 10:03:04", "total": "12.30",
                 "phone": "138****0000", "items": [{"oid": 9175523456789012345, "qty": "2", "price": "6.15",
                 "paid": "12.30"}]}""", "application/json", "shop-1");

        assertThat(result).isInstanceOf(MappingResult.Mapped.class);
        MappingResult.Mapped mapped = (MappingResult.Mapped) result;
        assertThat(mapped.order().get("platformOrderId").asText()).isEqualTo("4175523456789012345");
        assertThat(mapped.order().at("/lines/0/lineId").asText()).isEqualTo("9175523456789012345");
        assertThat(mapped.order().at("/lines/0/unitPriceFen").asLong()).isEqualTo(615);
        assertThat(mapped.order().get("shopId").asText()).isEqualTo("shop-1");
        assertThat(mapped.order().get("afterSales").asText()).isEqualTo("NONE");
        assertThat(mapped.order().at("/receiver/phoneKind").asText()).isEqualTo("MASKED");
        assertThat(mapped.order().has("buyer")).isTrue();
        assertThat(mapped.order().get("buyer").has("nick")).as("absent fields stay absent").isFalse();
        assertThat(mapped.order().get("createdAt").asText()).isEqualTo("2024-05-01T02:03:04Z");
        assertThat(mapped.mappingVersion()).matches("demo@[0-9a-f]{8}");
    }

    @Test
    void unknownStatusParksNamingTheCode() {
        MappingResult result = map(order("NOPE", "12.30", "1"), "application/json", null);
        assertThat(result).isEqualTo(new MappingResult.Failed(
                "unknown_status: demo order status 'NOPE' not in mappings/status/demo.yaml"));
    }

    @Test
    void helperErrorsBecomeTheReason() {
        MappingResult result = map(order("PAID", "12.345", "1"), "application/json", null);
        assertThat(result).isEqualTo(new MappingResult.Failed("mapping: $fen: '12.345' has more than 2 decimals"));
    }

    @Test
    void canonicalSchemaViolationsNameThePath() {
        MappingResult result = map(order("PAID", "12.30", "0"), "application/json", null);
        assertThat(result).isInstanceOf(MappingResult.Failed.class);
        assertThat(((MappingResult.Failed) result).reason()).startsWith("schema: $.lines[0].quantity");
    }

    @Test
    void thinPushBecomesNotice() {
        MappingResult result = map("{\"kind\":\"notice\",\"id\":4705288465508532862,\"st\":\"PAID\",\"at\":1714528984}",
                "application/json; charset=utf-8", null);
        assertThat(result).isEqualTo(new MappingResult.Notice("4705288465508532862", "PAID", "2024-05-01T02:03:04Z",
                engine.version("demo").orElseThrow()));
    }

    @Test
    void readsXmlAndFormBodies() {
        MappingResult xml = map("<r><kind>notice</kind><id>42</id><st>WAIT</st></r>", "text/xml", null);
        assertThat(xml).isEqualTo(new MappingResult.Notice("42", "WAIT", null, engine.version("demo").orElseThrow()));

        MappingResult form = map("kind=notice&id=43&st=PAID%20X&at=2024-05-01+10%3A03%3A04",
                "application/x-www-form-urlencoded", null);
        assertThat(form).isEqualTo(new MappingResult.Notice("43", "PAID X", "2024-05-01T02:03:04Z",
                engine.version("demo").orElseThrow()));
    }

    @Test
    void malformedBodiesAndUnknownChannelsFail() {
        assertThat(map("{not json", "application/json", null))
                .isEqualTo(new MappingResult.Failed("payload: cannot parse body as JSON (JsonParseException)"));
        assertThat(engine.map("nope", "{}".getBytes(StandardCharsets.UTF_8), "application/json", null))
                .isEqualTo(new MappingResult.Failed("unknown_channel: no mappings/channels/nope.jsonata"));
    }

    @Test
    void inputSchemaIsCheckedBeforeMapping() throws IOException {
        write("schemas/demo.schema.json", """
                {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "required": ["id"],
                 "properties": {"id": {"type": "string", "minLength": 3}}}""");
        MappingEngine strict = MappingEngine.load(dir);
        MappingResult result = strict.map("demo", "{\"id\": \"x\"}".getBytes(StandardCharsets.UTF_8),
                "application/json", null);
        assertThat(((MappingResult.Failed) result).reason()).startsWith("input schema: $.id");
        assertThat(strict.version("demo")).isNotEqualTo(engine.version("demo"));
    }

    @Test
    void loadRejectsMissingOrNonCanonicalStatusTables() throws IOException {
        write("status/demo.yaml", STATUS.replace("PAID: PAID", "PAID: PAYED"));
        assertThatThrownBy(() -> MappingEngine.load(dir)).hasMessageContaining("'PAID' maps to 'PAYED'");
        Files.delete(dir.resolve("status/demo.yaml"));
        assertThatThrownBy(() -> MappingEngine.load(dir)).hasMessageContaining("demo.yaml is missing");
    }

    @Test
    void concurrentCallsKeepTheirOwnInputAndBindings() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String id = "9" + i;
                String shop = "shop-" + (i % 7);
                results.add(pool.submit(() -> {
                    MappingResult r = map(order("PAID", "12.30", "1").replace("\"id\": \"1\"", "\"id\": \"" + id
                            + "\""), "application/json", shop);
                    ObjectNode o = ((MappingResult.Mapped) r).order();
                    return o.get("platformOrderId").asText() + "/" + o.get("shopId").asText();
                }));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get(30, TimeUnit.SECONDS)).isEqualTo("9" + i + "/shop-" + (i % 7));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String order(String status, String total, String qty) {
        return """
                {"id": "1", "shop": "s", "st": "%s", "at": "2024-05-01 10:03:04", "total": "%s",
                 "items": [{"oid": "1-1", "qty": "%s", "price": "1.00", "paid": "1.00"}]}"""
                .formatted(status, total, qty);
    }

    private MappingResult map(String body, String contentType, String shop) {
        return engine.map("demo", body.getBytes(StandardCharsets.UTF_8), contentType, shop);
    }

    private void write(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
