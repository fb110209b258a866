package io.orderhub.connector;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for stored credentials. Each value is bound to its shop and field (associated data), so a ciphertext
 * copied into another row or column fails to decrypt instead of handing one shop's token to another.
 */
final class CredentialCipher {

    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    CredentialCipher(String base64Key) {
        byte[] raw = Base64.getDecoder().decode(base64Key.trim());
        if (raw.length != 32) {
            throw new IllegalArgumentException("orderhub.connector.credential-key must be 32 bytes (base64), got "
                    + raw.length);
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    byte[] encrypt(String shopKey, String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad(shopKey, field));
            byte[] sealed = c.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("credential encryption failed", e);
        }
    }

    String decrypt(String shopKey, String field, byte[] stored) {
        if (stored == null) {
            return null;
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE));
            c.updateAAD(aad(shopKey, field));
            return new String(c.doFinal(stored, NONCE, stored.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // wrong key or a value moved between rows: say which, never what
            throw new IllegalStateException("stored credential " + field + " of shop " + shopKey
                    + " does not decrypt with the configured key", e);
        }
    }

    private static byte[] aad(String shopKey, String field) {
        return (shopKey + "\u0000" + field).getBytes(StandardCharsets.UTF_8);
    }
}
