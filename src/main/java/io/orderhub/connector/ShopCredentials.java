package io.orderhub.connector;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.orderhub.archive.StoreUnavailableException;
import io.orderhub.config.OrderHubConfig;
import io.orderhub.connector.api.ShopAccess;
import io.orderhub.connector.api.TokenGrant;

/**
 * A shop's open-API credentials: configured ones (Kubernetes secrets through the environment) overlaid by what was
 * stored through the admin API or renewed by a token refresh, AES-GCM encrypted in {@code shop_credential}. Without a
 * credential key renewed tokens live in memory only (and the configured ones are used again after a restart).
 */
@ApplicationScoped
public class ShopCredentials {

    private static final String LOAD = """
            SELECT app_key, app_secret_enc, access_token_enc, refresh_token_enc, token_expires_at
              FROM shop_credential WHERE shop_key = ?""";
    private static final String UPSERT = """
            INSERT INTO shop_credential (shop_key, app_key, app_secret_enc, access_token_enc, refresh_token_enc,
                                         token_expires_at, updated_at, updated_by)
            VALUES (?, ?, ?, ?, ?, ?, now(), ?)
            ON CONFLICT (shop_key) DO UPDATE SET app_key = excluded.app_key,
                app_secret_enc = coalesce(excluded.app_secret_enc, shop_credential.app_secret_enc),
                access_token_enc = excluded.access_token_enc,
                refresh_token_enc = coalesce(excluded.refresh_token_enc, shop_credential.refresh_token_enc),
                token_expires_at = excluded.token_expires_at, updated_at = now(), updated_by = excluded.updated_by""";

    private final DataSource dataSource;
    private final Map<String, OrderHubConfig.Shop> shops;
    private final Optional<CredentialCipher> cipher;
    private final Map<String, ShopAccess> memory = new ConcurrentHashMap<>();

    public ShopCredentials(DataSource dataSource, OrderHubConfig config) {
        this.dataSource = dataSource;
        this.shops = config.shops();
        this.cipher = config.connector().credentialKey().filter(k -> !k.isBlank()).map(CredentialCipher::new);
    }

    /** Whether the shop has open-API access at all (configured or stored). */
    public boolean has(String shopKey) {
        return access(shopKey).isPresent();
    }

    public Optional<ShopAccess> access(String shopKey) {
        OrderHubConfig.Shop shop = shops.get(shopKey);
        if (shop == null) {
            return Optional.empty();
        }
        String platformShopId = shop.platformShopId().orElse(shopKey);
        ShopAccess current = memory.get(shopKey);
        if (current != null) {
            return Optional.of(current);
        }
        Optional<ShopAccess> stored = cipher.isPresent() ? load(shopKey, platformShopId) : Optional.empty();
        Optional<ShopAccess> configured = shop.api().map(a -> new ShopAccess(shopKey, platformShopId, a.appKey(),
                a.appSecret().orElse(null), a.accessToken().orElse(null), a.refreshToken().orElse(null),
                a.tokenExpiresAt().orElse(null)));
        Optional<ShopAccess> chosen = stored.isPresent() ? stored : configured;
        chosen.ifPresent(a -> memory.put(shopKey, a));
        return chosen;
    }

    /** Stores credentials given through the admin API (encrypted); null fields keep what was stored. */
    public void store(String shopKey, String appKey, String appSecret, String accessToken, String refreshToken,
            Instant expiresAt, String by) {
        CredentialCipher c = cipher.orElseThrow(() -> new IllegalStateException(
                "orderhub.connector.credential-key is not set: credentials can only come from configuration"));
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(UPSERT)) {
            ps.setString(1, shopKey);
            ps.setString(2, appKey);
            ps.setBytes(3, c.encrypt(shopKey, "app_secret", appSecret));
            ps.setBytes(4, c.encrypt(shopKey, "access_token", accessToken));
            ps.setBytes(5, c.encrypt(shopKey, "refresh_token", refreshToken));
            ps.setTimestamp(6, expiresAt == null ? null : Timestamp.from(expiresAt));
            ps.setString(7, by);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("credential store failed", e);
        }
        memory.remove(shopKey);
    }

    /** Keeps a renewed token: stored encrypted when a key is configured, in memory always. */
    public ShopAccess renewed(ShopAccess old, TokenGrant grant) {
        String refresh = grant.refreshToken() != null ? grant.refreshToken() : old.refreshToken();
        ShopAccess next = new ShopAccess(old.shopKey(), old.platformShopId(), old.appKey(), old.appSecret(),
                grant.accessToken(), refresh, grant.expiresAt());
        if (cipher.isPresent()) {
            store(old.shopKey(), old.appKey(), old.appSecret(), grant.accessToken(), refresh, grant.expiresAt(),
                    "token-refresh");
        }
        memory.put(old.shopKey(), next);
        return next;
    }

    /** What an operator may see: app key, expiry and which secrets are present, never their values. */
    public Optional<Map<String, Object>> describe(String shopKey) {
        return access(shopKey).map(a -> {
            Map<String, Object> view = new java.util.LinkedHashMap<>();
            view.put("shopKey", shopKey);
            view.put("appKey", a.appKey());
            view.put("appSecret", a.appSecret() != null);
            view.put("accessToken", a.accessToken() != null);
            view.put("refreshToken", a.refreshToken() != null);
            view.put("tokenExpiresAt", a.tokenExpiresAt() == null ? null : a.tokenExpiresAt().toString());
            view.put("encryptedAtRest", cipher.isPresent());
            return view;
        });
    }

    private Optional<ShopAccess> load(String shopKey, String platformShopId) {
        CredentialCipher c = cipher.orElseThrow();
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(LOAD)) {
            ps.setString(1, shopKey);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp exp = rs.getTimestamp(5);
                String secret = c.decrypt(shopKey, "app_secret", rs.getBytes(2));
                if (secret == null) {
                    secret = shops.get(shopKey).api().flatMap(OrderHubConfig.Api::appSecret).orElse(null);
                }
                return Optional.of(new ShopAccess(shopKey, platformShopId, rs.getString(1), secret,
                        c.decrypt(shopKey, "access_token", rs.getBytes(3)),
                        c.decrypt(shopKey, "refresh_token", rs.getBytes(4)), exp == null ? null : exp.toInstant()));
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("credential load failed", e);
        }
    }
}
