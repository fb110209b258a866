package io.orderhub.config;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
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

    Connector connector();

    Rules rules();

    Execute execute();

    Status status();

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

        /**
         * Receipts processed at once (map, store, evaluate, plan commands). Most of that time is spent waiting for
         * the store, so more consumers than cores pay off up to the store's own limit.
         */
        @WithDefault("4")
        int consumers();

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

        /** The shop's open-API access, for fetch on push, polling and reconciliation; absent: push/relay only. */
        Optional<Api> api();
    }

    /**
     * A shop's open-API credentials and capture schedule. Secrets come from Kubernetes secrets through environment
     * variables (or are stored encrypted through the admin API); they are never logged.
     */
    interface Api {
        /** App key / client id / appid. */
        String appKey();

        /** App secret / client secret. */
        Optional<String> appSecret();

        /** The shop's OAuth access token (session), where the platform uses one. */
        Optional<String> accessToken();

        Optional<String> refreshToken();

        /** When the configured access token expires, if known; it is renewed ahead of that. */
        Optional<java.time.Instant> tokenExpiresAt();

        /** Overrides the platform's production API base URL (the sandbox in the embedded profile). */
        Optional<String> baseUrl();

        /** Overrides the platform's OAuth base URL (JD and WeChat keep it on another host). */
        Optional<String> authBaseUrl();

        /** Requests per second this shop may make (platforms limit per shop and per app; see connector.apps). */
        @WithDefault("10")
        double ratePerSecond();

        /** Incremental polling; a poll interval of 0 turns polling off. */
        @WithDefault("1m")
        Duration pollInterval();

        /** How far each window starts before the previous one ended, so no boundary second goes unread. */
        @WithDefault("2m")
        Duration pollOverlap();

        /** How far behind now a window ends: platforms index modifications with a delay. */
        @WithDefault("15s")
        Duration pollLag();

        /** Where the first poll of a new shop starts. */
        @WithDefault("24h")
        Duration pollInitialLookback();

        @WithDefault("true")
        boolean reconcile();

        /** Local time (connector.zone) after which the previous day is reconciled. */
        @WithDefault("03:00")
        LocalTime reconcileAt();
    }

    /** The execution layer: the outbox dispatcher and the downstream systems it sends to. */
    interface Execute {
        /** Dispatching on (the outbox is written regardless; off, commands wait in it). */
        @WithDefault("true")
        boolean enabled();

        /** Commands held in the in-memory priority queue between the outbox and the senders. */
        @WithDefault("1000")
        int queueSize();

        /** How long a claimed command stays with its sender before another may take it (a crashed pod). */
        @WithDefault("2m")
        Duration lease();

        /** Attempts before a command goes to the failed-command store. */
        @WithDefault("8")
        int maxAttempts();

        /** First retry delay; doubled per attempt with random jitter, capped at backoff-max. */
        @WithDefault("1s")
        Duration backoff();

        @WithDefault("5m")
        Duration backoffMax();

        /** Failure rate (%) over the last breaker-window calls that opens a system's circuit. */
        @WithDefault("50")
        float breakerFailureRate();

        @WithDefault("20")
        int breakerWindow();

        /** How long an open circuit waits before letting trial calls through. */
        @WithDefault("30s")
        Duration breakerOpenFor();

        /** Backlog (commands waiting) above which new commands are degraded (non-core fields deferred). */
        @WithDefault("5000")
        long degradeAbove();

        /** Backlog under which degradation ends and the deferred fields are sent. */
        @WithDefault("4000")
        long resumeBelow();

        /**
         * Systems that receive the deferred fields of degraded commands as update commands. The ERP updates an order
         * pushed again under the same tid; a QiMen outbound order cannot be amended by create, so the warehouse gets
         * the remarks through the ERP.
         */
        @WithDefault("erp")
        List<String> backfillSystems();

        /** A picking wave closes at this many orders of one warehouse... */
        @WithDefault("50")
        int waveSize();

        /** ...or when its oldest order has waited this long. */
        @WithDefault("2m")
        Duration waveWindow();

        /**
         * The embedded downstream sandbox reports back by itself: for each waybill it issued, the WMS outbound, then the
         * carrier's pickup, transit and delivery, this far apart, so the demo shows the whole loop. Unset: only when
         * asked ({@code POST /sandbox/downstream/control/{system}/events}).
         */
        Optional<Duration> sandboxEventsEvery();

        /** Downstream systems by name (erp, wms, carrier, sms, finance, invoice...). */
        Map<String, DownstreamSystem> systems();

        /** The Artemis broker of the systems whose transport is {@code jms}. */
        Jms jms();
    }

    /**
     * The Artemis broker the {@code jms} transport sends to. The hub connects only when a system uses it, so it starts
     * without a broker otherwise.
     */
    interface Jms {
        /**
         * Artemis core URL; its own parameters set the timeouts, e.g.
         * {@code tcp://broker:61616?callTimeout=5000&connectionTTL=30000}.
         */
        @WithDefault("tcp://localhost:61616?callTimeout=5000")
        String url();

        Optional<String> username();

        Optional<String> password();
    }

    interface DownstreamSystem {
        /** How commands travel: {@code http} (default), or another {@link io.orderhub.execute.CommandTransport}. */
        @WithDefault("http")
        String transport();

        /** Where commands are POSTed (HTTP); the idempotency key travels as the Idempotency-Key header. */
        Optional<String> url();

        /** JSON pointer into a 2xx answer that must equal success-value for the command to count as done. */
        Optional<String> successPointer();

        Optional<String> successValue();

        /** JSON pointer to the waybill number in a carrier's answer (the carrier system only). */
        Optional<String> waybillPointer();

        /**
         * JSON pointer into a 2xx answer that is not a success: when the value there is one of reject-values, the
         * downstream refused the command for good (a WMS that has already shipped the order it is asked to cancel) and
         * it goes to the failed-command store at once, class {@code REFUSED:<value>}, instead of being retried.
         */
        Optional<String> rejectPointer();

        Optional<java.util.List<String>> rejectValues();
        /** The queue commands are sent to when the transport is {@code jms}. */
        Optional<String> destination();

        /**
         * Commands per call: above 1, the dispatcher sends a system's claimed commands together in one batch envelope
         * and retries only the items the answer lists as failed. 1 (default): one call per command.
         */
        @WithDefault("1")
        int batchSize();

        /** Where batches are POSTed when the system has a batch endpoint of its own (default: url). */
        Optional<String> batchUrl();

        /**
         * JSON pointer to the item array in each command's payload; a batch is the first payload with the items of
         * all (payloads differing elsewhere, e.g. another sender, go in separate batches).
         */
        Optional<String> batchItemsPointer();

        /**
         * JSON pointer, inside one item (of the request, the failed list and the answers), to the item's key (the
         * Cainiao object_id, a QiMen deliveryOrderCode); absent: the failed list holds the idempotency keys.
         */
        Optional<String> batchKeyPointer();

        /** JSON pointer to the answer's list of failed items: only those are retried. */
        Optional<String> batchFailedPointer();

        /**
         * JSON pointer to the answer's list of per-item results: an item found there is the command's own answer
         * (its waybill...); an item found neither there nor in the failed list counts as failed.
         */
        Optional<String> batchAnswersPointer();
    }

    /** The validation layer's rules: parameter files, hot reload, evaluation. */
    interface Rules {
        /** Where rule parameter files load from ({@code <rule-id>.yaml}; a mounted ConfigMap in Kubernetes). */
        @WithDefault("rules")
        String dir();

        /** How often the rule directory is checked for changes. */
        @WithDefault("2s")
        Duration reloadInterval();

        /** Off: mapped orders are stored without evaluation (the benchmark of the receive layer turns it off). */
        @WithDefault("true")
        boolean enabled();
    }

    /** Platform connectors: fetch on push, polling, reconciliation, the embedded sandbox platform. */
    interface Connector {
        /** Fetch on push, polling and reconciliation; HTTP timeouts are camel.component.http.* settings. */
        @WithDefault("true")
        boolean enabled();

        /** Whether polling and reconciliation run on their timers (tests and one-off tools trigger them instead). */
        @WithDefault("true")
        boolean scheduled();

        /** How often the poller checks which shops are due (each shop has its own poll interval). */
        @WithDefault("5s")
        Duration pollTick();

        /** Requests per second per platform app, by app key (platforms count per app as well as per shop). */
        Map<String, Double> appRatePerSecond();

        /** Default app-wide requests per second where an app key has no entry above. */
        @WithDefault("50")
        double defaultAppRatePerSecond();

        /** Longest a call waits for the rate limiter before it is retried later instead. */
        @WithDefault("10s")
        Duration rateWait();

        /** Fetch-on-push attempts before the thin notice is parked with the last error. */
        @WithDefault("8")
        int fetchMaxAttempts();

        @WithDefault("2s")
        Duration fetchBackoff();

        @WithDefault("10m")
        Duration fetchBackoffMax();

        /** How long a pod holds a shop's poll (renewed per page); another pod may take over after it lapses. */
        @WithDefault("2m")
        Duration pollLease();

        /** The platforms' calendar: reconciliation days and local timestamps. */
        @WithDefault("Asia/Shanghai")
        ZoneId zone();

        /**
         * AES-256 key (base64) that encrypts credentials stored through the admin API; from a Kubernetes secret.
         * Absent: only configured credentials are used and refreshed tokens are kept in memory.
         */
        Optional<String> credentialKey();

        /** The embedded sandbox platform (its own HTTP endpoints under /sandbox); refused outside embedded. */
        @WithDefault("false")
        boolean sandbox();
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

    /** The status backbone: sources of status events, trust order, conflicts, silence alerts. */
    interface Status {
        /**
         * Source kinds from most to least trusted: the answer comes from the first that has reported. Carrier scans
         * are physical facts, the WMS knows what left the building, the ERP what was decided, the platform's front end
         * what the buyer sees.
         */
        @WithDefault("carrier,wms,erp,platform")
        List<String> trust();

        /** How often conflicts and silent carriers are looked for. */
        @WithDefault("1m")
        Duration sweepInterval();

        /** A shipped order whose carrier has said nothing for this long raises NO_CARRIER_UPDATE (to the warehouse). */
        @WithDefault("48h")
        Duration carrierSilence();

        /** Systems that may send status events ({@code POST /api/v1/status/{kind}/{system}}), by name. */
        Map<String, StatusSystem> systems();
    }

    interface StatusSystem {
        /** platform, erp, wms or carrier: must match the path. */
        String kind();

        /** Payload format: {@code kuaidi100} (subscription push), {@code sf-route} (顺丰路由推送), {@code json} (generic). */
        @WithDefault("json")
        String format();

        /** The code table {@code mappings/status/<table>.yaml}; default the system's name. */
        Optional<String> table();

        /** Kuaidi100: the salt of the subscription; pushes must carry sign = UPPER(MD5(param + salt)). */
        Optional<String> salt();

        /**
         * SHA-256 (hex) of the system's token, sent as {@code Authorization: Bearer} or, for senders that cannot set
         * headers (SF pushes to a configured URL), as the {@code token} query parameter. Unset with no salt: the system
         * is refused (a status source must authenticate).
         */
        Optional<String> tokenSha256();
    }

    interface Admin {
        /** SHA-256 (hex) of the admin credential for replay and mapping administration; unset disables them. */
        Optional<String> tokenSha256();
    }
}
