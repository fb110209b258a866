package io.orderhub.ingress.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import io.orderhub.ingress.Channel;
import io.orderhub.ingress.IntakeRequest;
import io.orderhub.ingress.ShopRegistry.Shop;
import io.orderhub.support.Fixtures;
import io.orderhub.support.Requests;
import io.orderhub.support.Shops;

/**
 * Shopify webhooks: {@code X-Shopify-Hmac-Sha256} = base64 of HMAC-SHA256(app secret, raw body), the shop named by
 * {@code X-Shopify-Shop-Domain} (https://shopify.dev/docs/apps/build/webhooks/subscribe/https, "Verify the webhook").
 * Expected values come from javax.crypto.Mac directly.
 */
class ShopifySignatureTest {

    private static final String SECRET = "test-shopify-webhook-secret";
    private static final String DOMAIN = "membi-dev.myshopify.com";

    private final ShopifySignature signature = new ShopifySignature();
    private final Shop shop = Shops.pushShop("sh-main", Channel.SHOPIFY, DOMAIN, null, SECRET);
    private final Shop otherShop = Shops.pushShop("sh-other", Channel.SHOPIFY, "other.myshopify.com", null, "other");
    private final List<Shop> shops = List.of(otherShop, shop);
    private final byte[] body = Fixtures.bytes(Fixtures.SHOPIFY);

    static byte[] hmacSha256(String secret, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(data);
    }

    static String header(String secret, byte[] data) throws Exception {
        return Base64.getEncoder().encodeToString(hmacSha256(secret, data));
    }

    private static IntakeRequest webhook(byte[] body, String hmac, String domain) {
        return Requests.json("shopify", body, "X-Shopify-Hmac-Sha256", hmac, "X-Shopify-Shop-Domain", domain,
                "X-Shopify-Topic", "orders/create", "X-Shopify-Webhook-Id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043");
    }

    @Test
    void knownAnswerFromShopifyHmacExample() throws Exception {
        // Shopify's HMAC verification example (app secret "hush"), from Shopify's OAuth docs
        // (https://shopify.dev/apps/auth/oauth#verification, formerly help.shopify.com/api/getting-started/
        // authentication/oauth), as quoted in https://hexdocs.pm/exshopify/Shopify.HMAC.html. It is the same
        // HMAC-SHA256 keyed with the app secret's UTF-8 bytes that signs webhooks; webhooks send it base64, not hex.
        byte[] message = "code=0907a61c0c8d55e99db179b68161bc00&shop=some-shop.myshopify.com&timestamp=1337178173"
                .getBytes(StandardCharsets.UTF_8);
        String publishedHex = "4712bf92ffc2917d15a2f5a273e39f0116667419aa4b6ac0b3baaf26fa3c4d20";
        assertThat(HexFormat.of().formatHex(hmacSha256("hush", message))).isEqualTo(publishedHex);

        Shop hush = Shops.pushShop("hush", Channel.SHOPIFY, "some-shop.myshopify.com", null, "hush");
        String asWebhookHeader = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(publishedHex));
        assertThat(signature.verify(webhook(message, asWebhookHeader, "some-shop.myshopify.com"), List.of(hush)))
                .contains(hush);
    }

    @Test
    void genuineOrdersCreateWebhookVerifies() throws Exception {
        IntakeRequest request = webhook(body, header(SECRET, body), DOMAIN);

        assertThat(signature.present(request)).isTrue();
        assertThat(signature.verify(request, shops)).contains(shop);
    }

    @Test
    void withoutShopDomainHeaderTheSecretAloneDecides() throws Exception {
        assertThat(signature.verify(webhook(body, header(SECRET, body), null), shops)).contains(shop);
    }

    @Test
    void bodyChangedAfterSigningIsRejected() throws Exception {
        String hmac = header(SECRET, body);
        byte[] tampered = new String(body, StandardCharsets.UTF_8)
                .replaceFirst("\"total_price\": *\"[0-9.]+\"", "\"total_price\":\"0.01\"")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(tampered).isNotEqualTo(body);

        assertThat(signature.verify(webhook(tampered, hmac, DOMAIN), shops)).isEmpty();
    }

    @Test
    void reSerialisedBodyIsNotTheSignedBody() throws Exception {
        // the HMAC is over the raw bytes: dropping the trailing newline (as a JSON re-serialisation would) fails
        String hmac = header(SECRET, body);
        byte[] trimmed = Arrays.copyOf(body, body.length - 1);

        assertThat(signature.verify(webhook(trimmed, hmac, DOMAIN), shops)).isEmpty();
    }

    @Test
    void changedSignatureIsRejected() throws Exception {
        byte[] mac = hmacSha256(SECRET, body);
        mac[7] ^= 0x01;

        assertThat(signature.verify(webhook(body, Base64.getEncoder().encodeToString(mac), DOMAIN), shops)).isEmpty();
    }

    @Test
    void hexInsteadOfBase64IsRejected() throws Exception {
        String hex = HexFormat.of().formatHex(hmacSha256(SECRET, body));

        assertThat(signature.verify(webhook(body, hex, DOMAIN), shops)).isEmpty();
    }

    @Test
    void signatureMadeWithWrongSecretIsRejected() throws Exception {
        assertThat(signature.verify(webhook(body, header("wrong-secret", body), DOMAIN), shops)).isEmpty();
    }

    @Test
    void signatureOfOneShopPresentedForAnotherDomainIsRejected() throws Exception {
        assertThat(signature.verify(webhook(body, header(SECRET, body), "other.myshopify.com"), shops)).isEmpty();
        assertThat(signature.verify(webhook(body, header(SECRET, body), "unknown.myshopify.com"), shops)).isEmpty();
    }

    @Test
    void malformedOrEmptyHeaderIsRejectedNotThrown() {
        assertThat(signature.verify(webhook(body, "%%not-base64%%", DOMAIN), shops)).isEmpty();
        assertThat(signature.verify(webhook(body, "", DOMAIN), shops)).isEmpty();
    }

    @Test
    void missingHmacHeaderMeansNoSignatureAtAll() {
        assertThat(signature.present(webhook(body, null, DOMAIN))).isFalse();
    }
}
