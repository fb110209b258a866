-- Canonical orders (校验层 output): one row per (channel, shop, platform order) holding the current version, and
-- every version ever mapped, ordered by the platform's own modification time.
CREATE TABLE hub_order (
    hub_order_id        uuid        PRIMARY KEY,
    channel             text        NOT NULL,
    shop_id             text        NOT NULL,
    platform_order_id   text        NOT NULL,
    version             integer     NOT NULL,
    platform_updated_at timestamptz NOT NULL,
    order_json          jsonb       NOT NULL,
    content_sha256      bytea       NOT NULL,
    mapping_version     text        NOT NULL,
    receipt_id          uuid        NOT NULL REFERENCES raw_receipt (receipt_id),
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    UNIQUE (channel, shop_id, platform_order_id)
);
CREATE INDEX hub_order_platform_id ON hub_order (platform_order_id);

CREATE TABLE hub_order_version (
    hub_order_id        uuid        NOT NULL REFERENCES hub_order (hub_order_id),
    version             integer     NOT NULL,
    platform_updated_at timestamptz NOT NULL,
    -- false for a version that arrived after a newer one: kept for audit, never current
    applied             boolean     NOT NULL,
    order_json          jsonb       NOT NULL,
    content_sha256      bytea       NOT NULL,
    mapping_version     text        NOT NULL,
    receipt_id          uuid        NOT NULL UNIQUE REFERENCES raw_receipt (receipt_id),
    stored_at           timestamptz NOT NULL,
    PRIMARY KEY (hub_order_id, version)
);
