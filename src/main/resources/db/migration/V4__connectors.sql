-- Platform connectors (issue 4): thin notices fetched in full, checkpointed polling, nightly reconciliation.

-- A thin notice whose full order is being fetched is FETCHING: processed as far as the validation layer goes, so
-- recovery leaves it alone; the receipts API shows it as ACCEPTED with the fetch's progress.
ALTER TABLE receipt_state DROP CONSTRAINT receipt_state_state_check;
ALTER TABLE receipt_state ADD CONSTRAINT receipt_state_state_check
    CHECK (state IN ('MAPPED', 'PARKED', 'SUPERSEDED', 'DUPLICATE', 'FETCHING'));

-- One row per thin notice: the platform order to fetch, retried with backoff until done or given up.
CREATE TABLE platform_fetch (
    receipt_id        uuid        PRIMARY KEY REFERENCES raw_receipt (receipt_id),
    channel           text        NOT NULL,
    shop_key          text        NOT NULL,
    platform_order_id text        NOT NULL,
    state             text        NOT NULL CHECK (state IN ('PENDING', 'DONE', 'FAILED')),
    attempts          integer     NOT NULL DEFAULT 0,
    -- also the claim: a worker pushes it forward by a lease before it calls the platform
    next_attempt_at   timestamptz NOT NULL,
    last_error        text,
    -- the archived full order (the same receipt again when the platform answered identical bytes)
    full_receipt_id   uuid        REFERENCES raw_receipt (receipt_id),
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL
);
CREATE INDEX platform_fetch_due ON platform_fetch (next_attempt_at) WHERE state = 'PENDING';

-- Incremental polling per shop. window_end moves only after every page of a window is stored.
CREATE TABLE poll_checkpoint (
    shop_key          text        PRIMARY KEY,
    channel           text        NOT NULL,
    window_end        timestamptz,
    lease_owner       text,
    lease_until       timestamptz,
    last_run_at       timestamptz,
    last_window_start timestamptz,
    last_window_end   timestamptz,
    last_listed       integer,
    last_fetched      integer,
    last_error        text,
    updated_at        timestamptz NOT NULL
);

-- Nightly (or on demand) comparison of the platform's orders of a day with what the hub stored.
CREATE TABLE reconciliation_run (
    run_id        uuid        PRIMARY KEY,
    shop_key      text        NOT NULL,
    channel       text        NOT NULL,
    day           date        NOT NULL,
    state         text        NOT NULL CHECK (state IN ('RUNNING', 'OK', 'RECOVERED', 'INCOMPLETE', 'FAILED')),
    expected      integer,
    found         integer,
    recovered     integer,
    still_missing integer,
    missing_ids   jsonb,
    error         text,
    started_at    timestamptz NOT NULL,
    finished_at   timestamptz
);
CREATE INDEX reconciliation_run_day ON reconciliation_run (shop_key, day);
-- one running reconciliation per shop and day, across pods
CREATE UNIQUE INDEX reconciliation_run_one ON reconciliation_run (shop_key, day) WHERE state = 'RUNNING';

-- Alerts for people: de-duplicated by key (a repeat bumps occurrences), acknowledged through the API.
CREATE TABLE alert (
    alert_id        uuid        PRIMARY KEY,
    kind            text        NOT NULL,
    dedupe_key      text        NOT NULL UNIQUE,
    severity        text        NOT NULL,
    subject         text        NOT NULL,
    detail          jsonb       NOT NULL,
    raised_at       timestamptz NOT NULL,
    last_seen_at    timestamptz NOT NULL,
    occurrences     integer     NOT NULL DEFAULT 1,
    acknowledged_at timestamptz,
    acknowledged_by text
);
CREATE INDEX alert_open ON alert (raised_at) WHERE acknowledged_at IS NULL;

-- Credentials set through the admin API or renewed by token refresh: AES-256-GCM, bound to shop and field.
CREATE TABLE shop_credential (
    shop_key          text        PRIMARY KEY,
    app_key           text        NOT NULL,
    app_secret_enc    bytea,
    access_token_enc  bytea,
    refresh_token_enc bytea,
    token_expires_at  timestamptz,
    updated_at        timestamptz NOT NULL,
    updated_by        text        NOT NULL
);
