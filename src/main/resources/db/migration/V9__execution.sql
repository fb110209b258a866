-- Execution layer (issue 6): the outbox of downstream commands, written in the same transaction as the order's
-- READY/APPROVED evaluation. A command is sent until the downstream confirms; past its attempts it is FAILED (the
-- failed-command store: re-drive or discard by API). Nothing is deleted.
CREATE TABLE outbox_command (
    command_id      uuid        PRIMARY KEY,
    -- hubOrderId:commandType:orderVersion — sent to the downstream with every attempt
    idempotency_key text        NOT NULL UNIQUE,
    hub_order_id    uuid        NOT NULL REFERENCES hub_order (hub_order_id),
    order_version   integer     NOT NULL,
    system          text        NOT NULL,
    command_type    text        NOT NULL,
    priority        integer     NOT NULL,
    payload         jsonb       NOT NULL,
    degraded        boolean     NOT NULL DEFAULT false,
    state           text        NOT NULL CHECK (state IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'DISCARDED')),
    attempts        integer     NOT NULL DEFAULT 0,
    -- due time for PENDING; lease end for SENDING (a crashed sender's command comes back after it)
    next_attempt_at timestamptz NOT NULL,
    last_error      text,
    error_class     text,
    response        jsonb,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX outbox_due ON outbox_command (next_attempt_at) WHERE state IN ('PENDING', 'SENDING');
CREATE INDEX outbox_failed ON outbox_command (system, updated_at) WHERE state = 'FAILED';
CREATE INDEX outbox_order ON outbox_command (hub_order_id);
