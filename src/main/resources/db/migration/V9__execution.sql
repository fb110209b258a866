-- Execution layer (issue 6): the outbox of downstream commands, written in the same transaction as the order's
-- READY/APPROVED evaluation. A command is sent until the downstream confirms; past its attempts it is FAILED (the
-- failed-command store: re-drive or discard by API). Nothing is deleted.
CREATE TABLE outbox_command (
    command_id      uuid        PRIMARY KEY,
    -- hubOrderId:commandType:orderVersion — sent to the downstream with every attempt
    idempotency_key text        NOT NULL UNIQUE,
    -- null for commands that are not one order's (a picking wave)
    hub_order_id    uuid        REFERENCES hub_order (hub_order_id),
    order_version   integer     NOT NULL,
    system          text        NOT NULL,
    command_type    text        NOT NULL,
    warehouse       text,
    priority        integer     NOT NULL,
    payload         jsonb       NOT NULL,
    -- false: the system's mapping failed when the command was planned; payload holds the command input, and a
    -- re-drive builds it again (after the mapping is fixed)
    built           boolean     NOT NULL DEFAULT true,
    degraded        boolean     NOT NULL DEFAULT false,
    state           text        NOT NULL CHECK (state IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'DISCARDED')),
    attempts        integer     NOT NULL DEFAULT 0,
    -- due time for PENDING; lease end for SENDING (a crashed sender's command comes back after it)
    next_attempt_at timestamptz NOT NULL,
    last_error      text,
    error_class     text,
    response        jsonb,
    -- degradation (熔断降级): a command sent without non-core fields, and the update command that sends them later
    backfill_of     uuid        UNIQUE REFERENCES outbox_command (command_id),
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX outbox_due ON outbox_command (next_attempt_at) WHERE state IN ('PENDING', 'SENDING');
CREATE INDEX outbox_failed ON outbox_command (system, updated_at) WHERE state = 'FAILED';
CREATE INDEX outbox_order ON outbox_command (hub_order_id);
CREATE INDEX outbox_degraded ON outbox_command (created_at) WHERE degraded;

-- Waybill numbers the carrier handed out, per shipment: what loading scans and carrier events are matched on.
CREATE TABLE waybill (
    waybill_no     text        PRIMARY KEY,
    hub_order_id   uuid        NOT NULL REFERENCES hub_order (hub_order_id),
    shipment_index integer     NOT NULL,
    command_id     uuid        NOT NULL REFERENCES outbox_command (command_id),
    lines          jsonb       NOT NULL,
    created_at     timestamptz NOT NULL
);
CREATE INDEX waybill_order ON waybill (hub_order_id);

-- Picking waves (波次): WMS outbound orders of one warehouse grouped by size or time, pushed as one pick list.
CREATE TABLE wave (
    wave_id    uuid        PRIMARY KEY,
    wave_no    text        NOT NULL UNIQUE,
    warehouse  text        NOT NULL,
    size       integer     NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE TABLE wave_member (
    command_id   uuid PRIMARY KEY REFERENCES outbox_command (command_id),
    wave_id      uuid NOT NULL REFERENCES wave (wave_id),
    hub_order_id uuid NOT NULL
);

-- Loading scans (装车扫码): what the driver app says was loaded per waybill, and how it differs from the order.
CREATE TABLE loading_scan (
    scan_id      uuid        PRIMARY KEY,
    waybill_no   text        NOT NULL,
    hub_order_id uuid,
    scanned_by   text        NOT NULL,
    scanned_at   timestamptz NOT NULL,
    items        jsonb       NOT NULL,
    differences  jsonb       NOT NULL,
    received_at  timestamptz NOT NULL
);
CREATE INDEX loading_scan_waybill ON loading_scan (waybill_no);
