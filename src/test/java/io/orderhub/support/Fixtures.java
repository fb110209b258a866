package io.orderhub.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The real platform payloads of {@code src/test/resources/fixtures} (verbatim copies of the shared fixtures,
 * provenance in its SOURCES.md), read exactly as stored. Tests never edit them.
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
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }
}
