-- The raw archive (接收层): every accepted payload, bytes as received, immutable.
CREATE TABLE raw_receipt (
    seq          bigint GENERATED ALWAYS AS IDENTITY,
    receipt_id   uuid        PRIMARY KEY,
    channel      text        NOT NULL,
    shop_key     text        NOT NULL,
    received_at  timestamptz NOT NULL,
    content_type text        NOT NULL,
    headers      jsonb       NOT NULL,
    body         bytea       NOT NULL,
    body_sha256  bytea       NOT NULL CHECK (octet_length(body_sha256) = 32),
    body_size    integer     NOT NULL CHECK (body_size = octet_length(body)),
    auth_kind    text        NOT NULL
) WITH (toast_tuple_target = 8160);
-- toast_tuple_target: platform payloads are mostly 1-8 KiB; keeping them inline spares the intake path a TOAST
-- insert per order. STORAGE EXTERNAL: larger bodies (order-detail responses of 15-30 KiB) move out of line but are
-- never pglz-compressed, which cost more CPU on the accept path than anything else the store does per order.
ALTER TABLE raw_receipt ALTER COLUMN body SET STORAGE EXTERNAL;

-- the same payload delivered again on the same channel is the same receipt
CREATE UNIQUE INDEX raw_receipt_dedupe ON raw_receipt (channel, body_sha256);
-- recovery scans forward in arrival order
CREATE UNIQUE INDEX raw_receipt_seq ON raw_receipt (seq);
-- replay by channel and time range; BRIN because received_at grows with insertion order and costs almost nothing to
-- maintain on the intake path, where a B-tree would be one more random insert per order
CREATE INDEX raw_receipt_received ON raw_receipt USING brin (received_at);

-- append-only: audit and replay rely on the archive never changing
CREATE FUNCTION raw_receipt_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'raw_receipt is append-only (% refused)', TG_OP;
END $$;
CREATE TRIGGER raw_receipt_no_update BEFORE UPDATE OR DELETE ON raw_receipt
    FOR EACH ROW EXECUTE FUNCTION raw_receipt_immutable();
CREATE TRIGGER raw_receipt_no_truncate BEFORE TRUNCATE ON raw_receipt
    FOR EACH STATEMENT EXECUTE FUNCTION raw_receipt_immutable();

-- What the validation layer made of a receipt. No row yet: ACCEPTED (waiting for the validation layer).
CREATE TABLE receipt_state (
    receipt_id   uuid        PRIMARY KEY REFERENCES raw_receipt (receipt_id),
    state        text        NOT NULL CHECK (state IN ('MAPPED', 'PARKED', 'SUPERSEDED', 'DUPLICATE')),
    hub_order_id text,
    reason       text,
    processed_at timestamptz NOT NULL,
    attempts     integer     NOT NULL DEFAULT 1
);
CREATE INDEX receipt_state_parked ON receipt_state (state) WHERE state = 'PARKED';
