package io.orderhub.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class CredentialCipherTest {

    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void aValueComesBackOnlyForItsShopAndField() {
        CredentialCipher cipher = new CredentialCipher(KEY);
        byte[] sealed = cipher.encrypt("shop-a", "access_token", "session-123");

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("session-123");
        assertThat(cipher.decrypt("shop-a", "access_token", sealed)).isEqualTo("session-123");
        // moved to another shop's row or another column: refused, never another shop's secret
        assertThatThrownBy(() -> cipher.decrypt("shop-b", "access_token", sealed))
                .hasMessageContaining("shop-b").hasMessageNotContaining("session-123");
        assertThatThrownBy(() -> cipher.decrypt("shop-a", "refresh_token", sealed))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theSameValueEncryptsDifferentlyEachTime() {
        CredentialCipher cipher = new CredentialCipher(KEY);
        assertThat(cipher.encrypt("s", "f", "v")).isNotEqualTo(cipher.encrypt("s", "f", "v"));
        assertThat(cipher.encrypt("s", "f", null)).isNull();
    }

    @Test
    void aKeyOfTheWrongLengthIsRefusedAtStart() {
        assertThatThrownBy(() -> new CredentialCipher(Base64.getEncoder().encodeToString(new byte[16])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }
}
