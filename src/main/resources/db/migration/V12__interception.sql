-- After-sales interception (issue 7, 拦截): what the hub did about one order's refund request. Before shipment the
-- WMS outbound is cancelled (or its create, never sent, discarded) and the reservation released; after shipment the
-- carrier is asked to intercept the parcel and finance gets a reversal (红冲) of the receivable. One row per order:
-- a later request on the same order finds the outbound already stopped or the carrier already asked.
CREATE TABLE interception (
    hub_order_id         uuid        PRIMARY KEY REFERENCES hub_order (hub_order_id),
    -- REQUESTED (WMS cancel sent) → WMS_CANCELLED → RELEASED; REQUESTED → TOO_LATE (the WMS had shipped) →
    -- CARRIER_INTERCEPT_REQUESTED → REVERSAL_POSTED (carrier took the intercept and finance booked the reversal)
    state                text        NOT NULL CHECK (state IN ('REQUESTED', 'WMS_CANCELLED', 'RELEASED', 'TOO_LATE',
                                                               'CARRIER_INTERCEPT_REQUESTED', 'REVERSAL_POSTED')),
    path                 text        NOT NULL CHECK (path IN ('BEFORE_SHIPMENT', 'AFTER_SHIPMENT')),
    -- the after-sales state and the order's answer that opened it
    after_sales          text        NOT NULL,
    answer               text,
    -- what was done: creates discarded, cancels, intercepts and the reversal planned (no personal data)
    detail               jsonb       NOT NULL DEFAULT '{}'::jsonb,
    requested_at         timestamptz NOT NULL,
    wms_cancelled_at     timestamptz,
    released_at          timestamptz,
    too_late_at          timestamptz,
    carrier_requested_at timestamptz,
    carrier_accepted_at  timestamptz,
    reversal_posted_at   timestamptz,
    updated_at           timestamptz NOT NULL
);
-- the sweep's work list: interceptions waiting for a downstream answer or a release
CREATE INDEX interception_open ON interception (updated_at)
    WHERE state IN ('REQUESTED', 'WMS_CANCELLED', 'CARRIER_INTERCEPT_REQUESTED');
