-- The daily write-back check (发货回传核对): per shop and day, the platform orders the hub wrote back that day,
-- fetched again from the platform and compared; what the platform does not show (not shipped, or not that waybill)
-- is written back again. One row per shop and day; a re-run replaces it.
CREATE TABLE writeback_check (
    shop_key    text        NOT NULL,
    day         date        NOT NULL,
    state       text        NOT NULL,  -- RUNNING, MATCHED (all shown), RESENT (some re-sent), FAILED (fetches failed)
    checked     integer     NOT NULL DEFAULT 0,
    matched     integer     NOT NULL DEFAULT 0,
    resent      integer     NOT NULL DEFAULT 0,
    unchecked   integer     NOT NULL DEFAULT 0,  -- platform detail does not show shipping in a readable way
    errors      integer     NOT NULL DEFAULT 0,
    differences jsonb       NOT NULL DEFAULT '[]'::jsonb,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz,
    PRIMARY KEY (shop_key, day)
);
CREATE INDEX outbox_writeback_sent ON outbox_command ((payload->>'shopKey'), sent_at)
    WHERE system = 'platform-writeback' AND state = 'SENT';
