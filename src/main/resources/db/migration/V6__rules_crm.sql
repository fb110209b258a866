-- Validation-layer rules of issue 5 items 1, 2, 3, 4, 7: CRM enrichment, duplicate guard, purchase limits, risk.
-- No table holds a raw phone, buyer id or address: identities are SHA-256 hex digests of a normalised identity string
-- (io.orderhub.rules.crm.Identities), so a match needs the same input, and a leaked table gives no contact data.

-- The merchant's customers (loaded by API / CSV). earlier_orders: orders the customer placed before (the merchant's
-- CRM count); 0 means the customer is NEW.
CREATE TABLE crm_customer (
    customer_id    text        PRIMARY KEY,
    segment        text        NOT NULL CHECK (segment IN ('VIP', 'REGULAR')),
    earlier_orders integer     NOT NULL DEFAULT 0 CHECK (earlier_orders >= 0),
    updated_at     timestamptz NOT NULL
);

-- Stable identities of a customer: kind BUYER (channel + platform buyer/open id), CONTACT (channel + the platform's
-- index / ciphertext of the receiver phone), PHONE (a plain phone number, any channel: channel '*').
CREATE TABLE crm_identity (
    kind        text        NOT NULL CHECK (kind IN ('BUYER', 'CONTACT', 'PHONE')),
    id_hash     text        NOT NULL,
    customer_id text        NOT NULL REFERENCES crm_customer (customer_id) ON DELETE CASCADE,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (kind, id_hash)
);
CREATE INDEX crm_identity_customer ON crm_identity (customer_id);

-- Virtual numbers with extension (Pinduoduo, Douyin, WeChat privacy numbers): they expire, so they match only
-- before expires_at.
CREATE TABLE crm_virtual_number (
    number_hash text        PRIMARY KEY,
    customer_id text        NOT NULL REFERENCES crm_customer (customer_id) ON DELETE CASCADE,
    expires_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- Duplicate guard: one fingerprint per hub order (buyer identity + sku x qty multiset + address hash); re-evaluating
-- an order overwrites its own row, so it never counts as its own duplicate.
CREATE TABLE rule_order_fingerprint (
    hub_order_id text        PRIMARY KEY,
    fingerprint  text        NOT NULL,
    at           timestamptz NOT NULL,
    cancelled    boolean     NOT NULL DEFAULT false
);
CREATE INDEX rule_order_fingerprint_fp ON rule_order_fingerprint (fingerprint, at);

-- Purchase limits: quantity bought per (hub order, sku), keyed so a re-evaluation replaces instead of adding.
CREATE TABLE rule_purchase_count (
    hub_order_id text        NOT NULL,
    sku          text        NOT NULL,
    buyer_hash   text        NOT NULL,
    quantity     integer     NOT NULL,
    at           timestamptz NOT NULL,
    cancelled    boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (hub_order_id, sku)
);
CREATE INDEX rule_purchase_count_buyer ON rule_purchase_count (buyer_hash, sku, at);

-- Risk: per order its shop, paid amount and address hash (rolling median per shop; orders per address in a window).
CREATE TABLE risk_order_stat (
    hub_order_id text        PRIMARY KEY,
    shop_key     text        NOT NULL,
    paid_fen     bigint      NOT NULL,
    address_hash text,
    at           timestamptz NOT NULL
);
CREATE INDEX risk_order_stat_shop ON risk_order_stat (shop_key, at);
CREATE INDEX risk_order_stat_address ON risk_order_stat (address_hash, at);

-- Risk: blacklisted buyer ids, phones (plain or platform contact) and addresses, by identity hash.
CREATE TABLE risk_blacklist (
    kind       text        NOT NULL CHECK (kind IN ('BUYER', 'PHONE', 'ADDRESS')),
    id_hash    text        NOT NULL,
    note       text,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (kind, id_hash)
);
