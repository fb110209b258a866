-- After-sales tickets (issue 7): buyer complaints and refund/return requests, scored for urgency from their text
-- (rules/aftersales-urgency.yaml) and queued for people — P0 first, then oldest. Never decided automatically: the hub
-- only queues, claims and records the resolution note. Alert sinks need no table: each (alert, sink) delivery is an
-- outbox_command of system alert-<sink> (hub_order_id NULL).
CREATE TABLE aftersales_ticket (
    ticket_id         uuid        PRIMARY KEY,
    -- null when the ticket names an order the hub does not (yet) know
    hub_order_id      uuid        REFERENCES hub_order (hub_order_id),
    channel           text,
    platform_order_id text,
    -- who opened it: api:<caller-supplied source>, or status:<after-sales state> for the status reaction
    source            text        NOT NULL,
    -- the buyer's own words: may hold personal data, so shown to customer service only, never logged or alerted
    text              text        NOT NULL,
    urgency           text        NOT NULL CHECK (urgency IN ('P0', 'P1', 'P2', 'P3')),
    matched_keywords  jsonb       NOT NULL,
    -- the rule version that scored it, for audit
    rule_version      text        NOT NULL,
    state             text        NOT NULL CHECK (state IN ('OPEN', 'CLAIMED', 'RESOLVED')),
    assignee          text,
    resolution_note   text,
    -- one ticket per order per after-sales episode for the status reaction (null for tickets opened by API)
    episode_key       text        UNIQUE,
    created_at        timestamptz NOT NULL,
    claimed_at        timestamptz,
    resolved_at       timestamptz,
    updated_at        timestamptz NOT NULL
);
-- the queue: open work, most urgent first, then oldest
CREATE INDEX aftersales_ticket_queue ON aftersales_ticket (state, urgency, created_at) WHERE state <> 'RESOLVED';
CREATE INDEX aftersales_ticket_order ON aftersales_ticket (hub_order_id);
