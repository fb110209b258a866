package io.orderhub.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every OrderHub setting, typed, so a misspelt key fails at start-up instead of silently never applying. */
@ConfigMapping(prefix = "orderhub")
public interface OrderHubConfig {

    /** Where the embedded mode keeps its PostgreSQL data (read before Quarkus starts, listed here to be known). */
    @WithDefault("data")
    String dataDir();

    Store store();

    Intake intake();

    Validate validate();

    Mapping mapping();

    Admin admin();

    /** Shops by a merchant-chosen key: the channel they sell on and how their pushes authenticate. */
    Map<String, Shop> shops();

    interface Store {
        /** Port of the embedded PostgreSQL; 0 picks a free one. */
        @WithDefault("0")
        int embeddedPort();
    }

    interface Intake {
        /** Largest accepted body; larger ones get 413 payload_too_large. */
        @WithDefault("1048576")
        int maxBodyBytes();

        @WithDefault("application/json,application/xml,text/xml,application/x-www-form-urlencoded,text/plain")
        List<String> contentTypes();

        /** Default per-shop rate limit; a shop may set its own. */
        @WithDefault("2000")
        int ratePerSecond();

        /** Requests a shop may send at once above its rate before 429. */
        @WithDefault("4000")
        int rateBurst();

        /** Largest clock skew accepted on timestamped push signatures (replay protection). */
        @WithDefault("5m")
        Duration signatureMaxSkew();

        Writer writer();
    }

    /** The group-commit writer of the raw archive. */
    interface Writer {
        @WithDefault("2")
        int threads();

        @WithDefault("256")
        int maxBatch();

        /** Accepted-but-unwritten payloads held in memory before 503 overloaded. */
        @WithDefault("20000")
        int queueCapacity();

        /** Longest a request waits for its write before 503 overloaded. */
        @WithDefault("10s")
        Duration timeout();
    }

    interface Validate {
        /** Receipts waiting in memory for the validation layer; the store holds the rest. */
        @WithDefault("10000")
        int queueSize();

        @WithDefault("true")
        boolean enabled();

        /** How often stored receipts not yet processed are looked for (after a crash, or a full queue). */
        @WithDefault("5s")
        Duration recoveryInterval();
    }

    interface Shop {
        String channel();

        /** The shop's id on its platform; defaults to the shop key. */
        Optional<String> platformShopId();

        /** Hex SHA-256 of the shop's intake token; the token itself is never stored. */
        Optional<String> intakeTokenSha256();

        Optional<Integer> ratePerSecond();

        Optional<Push> push();
    }

    /** The platform's own push signature material for this shop. */
    interface Push {
        /** Douyin app key (header app-id), Youzan client_id; absent for WeChat and Shopify. */
        Optional<String> appKey();

        /** App secret / client secret / webhook secret; for WeChat the server token. */
        String secret();
    }

    interface Mapping {
        /** Where channel mappings and status tables load from (a mounted ConfigMap in Kubernetes). */
        @WithDefault("mappings")
        String dir();

        /** Golden cases a changed mapping must still reproduce before it goes live ({@code <dir>/<channel>/<case>/}). */
        @WithDefault("src/test/resources/golden")
        String goldenDir();

        /** How often the mapping directory is checked for changes. */
        @WithDefault("2s")
        Duration reloadInterval();
    }

    interface Admin {
        /** SHA-256 (hex) of the admin credential for replay and mapping administration; unset disables them. */
        Optional<String> tokenSha256();
    }
}
