-- Validation-layer rules (issue 5): B2B SKU library, kit split, inventory pre-allocation (库存预占).

-- Warehouses the hub may reserve from. Consumer channels reserve only where ships_within_24h; b2b_form anywhere.
CREATE TABLE warehouse (
    code             text        PRIMARY KEY,
    province         text        NOT NULL,
    ships_within_24h boolean     NOT NULL,
    updated_at       timestamptz NOT NULL
);

-- Stock per SKU per warehouse. reserved only moves through conditional updates (reserved + q where
-- on_hand - reserved >= q) inside a transaction that holds the rows' locks in (sku, warehouse) order, so two orders
-- can never take the same unit. on_hand is the merchant's count (API / CSV); it may drop below reserved after a
-- recount, which shows as negative availability and blocks further reservations.
CREATE TABLE stock (
    sku        text        NOT NULL,
    warehouse  text        NOT NULL REFERENCES warehouse (code),
    on_hand    bigint      NOT NULL CHECK (on_hand >= 0),
    reserved   bigint      NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (sku, warehouse)
);

-- What each order holds: one row per (order, allocated line, warehouse). A re-evaluation keeps or replaces these
-- rows in one transaction, never adds to them. hold_expires_at: set when the order was HELD at reservation time; the
-- timeout sweep releases it after that instant.
CREATE TABLE stock_reservation (
    hub_order_id    text        NOT NULL,
    line_id         text        NOT NULL,
    warehouse       text        NOT NULL,
    sku             text        NOT NULL,
    quantity        bigint      NOT NULL CHECK (quantity > 0),
    source_line_id  text        NOT NULL,
    hold_expires_at timestamptz,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (hub_order_id, line_id, warehouse),
    FOREIGN KEY (sku, warehouse) REFERENCES stock (sku, warehouse)
);
CREATE INDEX stock_reservation_expiry ON stock_reservation (hold_expires_at) WHERE hold_expires_at IS NOT NULL;

-- Every release, for audit; a CANCELLED or REJECTED release also closes the order for reservations.
CREATE TABLE stock_release (
    release_id   bigserial   PRIMARY KEY,
    hub_order_id text        NOT NULL,
    cause        text        NOT NULL,
    released     jsonb       NOT NULL,
    released_at  timestamptz NOT NULL
);
CREATE INDEX stock_release_order ON stock_release (hub_order_id);

-- The B2B SKU library: what a field-sales form may order and how.
CREATE TABLE b2b_sku (
    sku                       text        PRIMARY KEY,
    min_order_qty             integer     NOT NULL CHECK (min_order_qty >= 1),
    pack_size                 integer     NOT NULL CHECK (pack_size >= 1),
    -- remaining shelf life of the stock on hand, in days; null when unknown (then not checked)
    remaining_shelf_life_days integer     CHECK (remaining_shelf_life_days >= 0),
    -- customer class -> minimum remaining shelf life in days, e.g. {"KA": 120, "STORE": 60}
    min_shelf_life_days       jsonb       NOT NULL DEFAULT '{}',
    packaging_code            text,
    -- SKUs offered instead when this one is out of stock, in order of preference
    substitutes               jsonb       NOT NULL DEFAULT '[]',
    updated_at                timestamptz NOT NULL
);
