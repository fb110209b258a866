-- Validation-layer rules (issue 5 items 5 and 6): presale deposit + balance aggregation, cross-store merge.

-- Camel aggregator repository of the presale route (PgAggregationRepository): one row per open correlation group,
-- the aggregated exchange as JSON (body, scalar headers and properties; never Java serialisation). version is the
-- optimistic lock: an update or delete names the version it read.
CREATE TABLE presale_aggregation (
    correlation_key text        PRIMARY KEY,
    version         bigint      NOT NULL,
    exchange        jsonb       NOT NULL,
    updated_at      timestamptz NOT NULL
);

-- Completed groups whose downstream processing is not confirmed yet: the aggregator's recovery offers them again.
CREATE TABLE presale_aggregation_completed (
    exchange_id     text        PRIMARY KEY,
    correlation_key text        NOT NULL,
    exchange        jsonb       NOT NULL,
    completed_at    timestamptz NOT NULL
);

-- One master order per completed presale purchase: the deposit part and the balance part (the same hub order when
-- one platform order carries both phases). group_id is channel:shopId:groupKey.
CREATE TABLE presale_master (
    group_id                  text        PRIMARY KEY,
    channel                   text        NOT NULL,
    shop_id                   text        NOT NULL,
    group_key                 text        NOT NULL,
    deposit_hub_order_id      text        NOT NULL,
    deposit_platform_order_id text        NOT NULL,
    balance_hub_order_id      text        NOT NULL,
    balance_platform_order_id text        NOT NULL,
    completed_at              timestamptz NOT NULL
);

-- Deposits whose balance did not arrive by the deadline: flagged once (one alert), kept as history.
CREATE TABLE presale_flag (
    group_id             text        PRIMARY KEY,
    deposit_hub_order_id text        NOT NULL,
    deadline             timestamptz NOT NULL,
    flagged_at           timestamptz NOT NULL
);

-- Cross-store merge: open shipment groups per receiver. receiver_hash is SHA-256 over the normalised receiver name,
-- phone (or the platform's cipher/index) and address fields: no personal data is stored.
CREATE TABLE merge_group (
    group_id       uuid        PRIMARY KEY,
    receiver_hash  text        NOT NULL,
    opened_at      timestamptz NOT NULL,
    window_ends_at timestamptz NOT NULL
);
CREATE INDEX merge_group_receiver ON merge_group (receiver_hash, opened_at);

-- One row per order in a group; each member keeps its own channel, shop and platform order id for its own status
-- write-back.
CREATE TABLE merge_member (
    hub_order_id      text        PRIMARY KEY,
    group_id          uuid        NOT NULL REFERENCES merge_group (group_id),
    channel           text        NOT NULL,
    shop_id           text        NOT NULL,
    platform_order_id text        NOT NULL,
    paid_at           timestamptz NOT NULL,
    joined_at         timestamptz NOT NULL
);
CREATE INDEX merge_member_group ON merge_member (group_id);
