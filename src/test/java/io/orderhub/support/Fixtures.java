package io.orderhub.support;

import java.io.IOException;
<<<<<<< HEAD
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the real platform payloads of {@code src/test/resources/fixtures} (never edited by tests). */
public final class Fixtures {

    private Fixtures() {
    }

    /** The repository's verbatim copy of the shared fixtures, provenance in its SOURCES.md. */
    public static Path dir() {
        return Path.of("src", "test", "resources", "fixtures");
    }

    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(dir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("fixture " + name + " not found in " + dir().toAbsolutePath(), e);
        }
    }

    public static String text(String name) {
        return new String(bytes(name), java.nio.charset.StandardCharsets.UTF_8);
    }
=======
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The real platform push payloads of the shared fixtures (copied verbatim to {@code src/test/resources/fixtures/push};
 * provenance in the project's fixtures/SOURCES.md).
 */
public final class Fixtures {

    public static final List<String> DOUYIN = List.of("douyin_doudian__push_RefundCreated.json",
            "douyin_doudian__push_TradeAddressChangeApplied.json", "douyin_doudian__push_TradeAmountChanged.json",
            "douyin_doudian__push_TradeCanceled.json", "douyin_doudian__push_TradeCreate.json",
            "douyin_doudian__push_TradePaid.json", "douyin_doudian__push_TradePartlySellerShip.json",
            "douyin_doudian__push_TradePending.json", "douyin_doudian__push_TradeSuccess.json");
    public static final List<String> YOUZAN = List.of("youzan__push_trade_TradeCreate.json",
            "youzan__push_trade_TradePartlySellerShip.json", "youzan__push_trade_TradeSuccess.json");
    public static final List<String> WECHAT = List.of("wechat_channels__event_channels_ec_aftersale_update.json",
            "wechat_channels__event_channels_ec_order_cancel.json",
            "wechat_channels__event_channels_ec_order_deliver.json",
            "wechat_channels__event_channels_ec_order_new.json", "wechat_channels__event_channels_ec_order_pay.json");
    public static final String SHOPIFY = "shopify__webhook_orders_create_captured_devstore.json";

    private Fixtures() {
    }

    /** The fixture's bytes exactly as stored. */
    public static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/push/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
>>>>>>> unit-tests
}
