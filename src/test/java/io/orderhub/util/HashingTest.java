package io.orderhub.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** Known-answer tests from the algorithms' standards, and the comparison rules the verifiers rely on. */
class HashingTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Test
    void sha256KnownAnswers() {
        // FIPS 180-2 appendix B.1 / NIST CAVS: "abc" and the empty message
        assertThat(hex(Hashing.sha256(utf8("abc"))))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Hashing.sha256Hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Hashing.sha256("abc")).isEqualTo(Hashing.sha256(utf8("abc")));
    }

    @Test
    void sha256OfTextIsOverItsUtf8Bytes() {
        assertThat(Hashing.sha256("订单")).isEqualTo(Hashing.sha256(utf8("订单")))
                .isNotEqualTo(Hashing.sha256("订单".getBytes(StandardCharsets.UTF_16)));
    }

    @Test
    void hexDigestIsOverTheConcatenatedParts() {
        // RFC 1321 appendix A.5: MD5("abc"), MD5("") ; FIPS 180-1 appendix A: SHA-1("abc")
        assertThat(Hashing.hex("MD5", utf8("a"), utf8("b"), utf8("c"))).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
        assertThat(Hashing.hex("MD5")).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        assertThat(Hashing.hex("SHA-1", utf8("abc"))).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
        assertThat(Hashing.hex("SHA-1", utf8("ab"), utf8("c"))).isEqualTo(Hashing.hex("SHA-1", utf8("abc")));
    }

    @Test
    void hmacSha256KnownAnswers() {
        // RFC 4231 test case 2
        assertThat(hex(Hashing.hmacSha256(utf8("Jefe"), utf8("what do ya want for nothing?"))))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        // Shopify's OAuth HMAC example with "state" (app secret "hush"),
        // https://shopify.dev/apps/auth/oauth#verification
        assertThat(hex(Hashing.hmacSha256(utf8("hush"), utf8("code=0907a61c0c8d55e99db179b68161bc00"
                + "&shop=some-shop.myshopify.com&state=0.6784241404160823&timestamp=1337178173"))))
                .isEqualTo("700e2dadb827fcc8609e9d5ce208b2e9cdaab9df07390d2cbca10d7c328fc4bf");
    }

    @Test
    void constantTimeEqualsComparesContentAndLength() {
        assertThat(Hashing.constantTimeEquals(utf8("abc"), utf8("abc"))).isTrue();
        assertThat(Hashing.constantTimeEquals(utf8("abc"), utf8("abd"))).isFalse();
        assertThat(Hashing.constantTimeEquals(utf8("abc"), utf8("abcd"))).isFalse();
        assertThat(Hashing.constantTimeEquals(new byte[0], utf8("a"))).isFalse();
    }

    @Test
    void hexSignaturesCompareIgnoringCaseAndSurroundingSpace() {
        String expected = "900150983cd24fb0d6963f7d28e17f72";

        assertThat(Hashing.constantTimeEqualsIgnoreCase(expected, "900150983CD24FB0D6963F7D28E17F72")).isTrue();
        assertThat(Hashing.constantTimeEqualsIgnoreCase(expected, " " + expected + "\n")).isTrue();
        assertThat(Hashing.constantTimeEqualsIgnoreCase(expected, "900150983cd24fb0d6963f7d28e17f73")).isFalse();
        assertThat(Hashing.constantTimeEqualsIgnoreCase(expected, expected.substring(1))).isFalse();
        assertThat(Hashing.constantTimeEqualsIgnoreCase(expected, "")).isFalse();
        assertThat(Hashing.constantTimeEqualsIgnoreCase(expected, null)).isFalse();
    }
}
