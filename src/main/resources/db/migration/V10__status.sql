-- Status backbone (issue 7): every source's own view of an order, the one answer given to people, every event as
-- received (history, refused and parked ones included), and conflicts between sources.

-- Each event as it arrived, translated. Nothing is deleted: refused and stale events stay as history.
CREATE TABLE status_event (
    event_id     uuid        PRIMARY KEY,
    -- null while the event names no order the hub knows (PARKED unknown_order), or its code is unknown
    hub_order_id uuid        REFERENCES hub_order (hub_order_id),
    source_kind  text        NOT NULL CHECK (source_kind IN ('platform', 'erp', 'wms', 'carrier')),
    system       text        NOT NULL,
    -- how the event names the order: WAYBILL, ORDER_CODE (WMS outbound code), HUB_ORDER, PLATFORM_ORDER
    ref_kind     text        NOT NULL,
    ref          text        NOT NULL,
    code         text        NOT NULL,
    status       text,
    phase        text,
    after_sales  text,
    waybill_no   text,
    event_at     timestamptz NOT NULL,
    received_at  timestamptz NOT NULL,
    -- APPLIED: moved the source's view; STALE: older than the view (history only); REFUSED: an illegal transition;
    -- PARKED: unknown code or order, waits for a mapping fix / the order and a replay
    outcome      text        NOT NULL CHECK (outcome IN ('APPLIED', 'STALE', 'REFUSED', 'PARKED')),
    reason       text,
    -- the carrier's human text of a route node (may name a station); shown in the order's history, never logged
    note         text,
    dedupe_key   text        NOT NULL UNIQUE
);
CREATE INDEX status_event_order ON status_event (hub_order_id, event_at);
CREATE INDEX status_event_parked ON status_event (received_at) WHERE outcome = 'PARKED';

-- The latest view of each kind of source.
CREATE TABLE order_status_source (
    hub_order_id uuid        NOT NULL REFERENCES hub_order (hub_order_id),
    source_kind  text        NOT NULL,
    system       text        NOT NULL,
    status       text,
    code         text        NOT NULL,
    phase        text,
    after_sales  text,
    waybill_no   text,
    at           timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (hub_order_id, source_kind)
);

-- The answer: what the most trusted source that has reported says, never moved backwards.
CREATE TABLE order_status (
    hub_order_id      uuid        PRIMARY KEY REFERENCES hub_order (hub_order_id),
    answer            text        NOT NULL,
    answer_source     text        NOT NULL,
    after_sales       text        NOT NULL DEFAULT 'NONE',
    waybill_no        text,
    answer_at         timestamptz NOT NULL,
    -- when the conflict sweep should look at this order again (null: nothing pending)
    conflict_check_at timestamptz,
    -- the last carrier (or WMS) update a NO_CARRIER_UPDATE alert was raised for: one alert per silence
    silence_alerted_at timestamptz,
    updated_at        timestamptz NOT NULL
);
CREATE INDEX order_status_check ON order_status (conflict_check_at) WHERE conflict_check_at IS NOT NULL;
CREATE INDEX order_status_shipped ON order_status (hub_order_id) WHERE answer = 'SHIPPED';

-- Sources that disagree past their grace period, with the hint for customer service.
CREATE TABLE status_conflict (
    conflict_id  uuid        PRIMARY KEY,
    hub_order_id uuid        NOT NULL REFERENCES hub_order (hub_order_id),
    rule_id      text        NOT NULL,
    source_a     text        NOT NULL,
    source_b     text        NOT NULL,
    detail       text        NOT NULL,
    hint         text        NOT NULL,
    since        timestamptz NOT NULL,
    raised_at    timestamptz NOT NULL,
    resolved_at  timestamptz,
    alert_id     uuid
);
CREATE UNIQUE INDEX status_conflict_open ON status_conflict (hub_order_id, rule_id) WHERE resolved_at IS NULL;

-- Orders stored before this version: their platform view and answer from the stored canonical order.
INSERT INTO order_status_source (hub_order_id, source_kind, system, status, code, after_sales, at, updated_at)
SELECT hub_order_id, 'platform', channel, order_json ->> 'status', coalesce(order_json ->> 'platformStatus', ''),
       coalesce(order_json ->> 'afterSales', 'NONE'), platform_updated_at, now()
  FROM hub_order;
INSERT INTO order_status (hub_order_id, answer, answer_source, after_sales, answer_at, updated_at)
SELECT hub_order_id, order_json ->> 'status', 'platform', coalesce(order_json ->> 'afterSales', 'NONE'),
       platform_updated_at, now()
  FROM hub_order WHERE order_json ->> 'status' IS NOT NULL;
