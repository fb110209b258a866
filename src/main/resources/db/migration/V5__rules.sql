-- Validation-layer rules (issue 5): versioned rule parameters, the outcome of each order's evaluation, the decision
-- record behind it, and the manual review pool.

-- Every version of a rule file that was ever live, restorable by API; what each rule serves now (shared by pods).
CREATE TABLE rule_version (
    version       text        PRIMARY KEY,
    rule_id       text        NOT NULL,
    yaml          bytea       NOT NULL,
    first_live_at timestamptz NOT NULL
);
CREATE INDEX rule_version_rule ON rule_version (rule_id, first_live_at);

CREATE TABLE rule_live (
    rule_id     text        PRIMARY KEY,
    version     text        NOT NULL REFERENCES rule_version (version),
    dir_version text        NOT NULL,
    cause       text        NOT NULL CHECK (cause IN ('directory', 'rollback')),
    changed_at  timestamptz NOT NULL
);

-- The current evaluation of each order: READY for execution or HELD with reasons (and, after a review, APPROVED or
-- REJECTED). One row per order; every evaluation's decisions stay in rule_decision.
CREATE TABLE order_evaluation (
    hub_order_id  uuid        PRIMARY KEY REFERENCES hub_order (hub_order_id),
    order_version integer     NOT NULL,
    evaluation_id uuid        NOT NULL UNIQUE,
    state         text        NOT NULL CHECK (state IN ('READY', 'HELD', 'APPROVED', 'REJECTED')),
    tags          jsonb       NOT NULL,
    holds         jsonb       NOT NULL,
    facts         jsonb       NOT NULL,
    priority      integer     NOT NULL,
    rules         jsonb       NOT NULL,
    evaluated_at  timestamptz NOT NULL
);
CREATE INDEX order_evaluation_state ON order_evaluation (state, evaluated_at);

CREATE TABLE rule_decision (
    evaluation_id uuid        NOT NULL,
    seq           integer     NOT NULL,
    hub_order_id  uuid        NOT NULL,
    order_version integer     NOT NULL,
    rule_id       text        NOT NULL,
    rule_version  text        NOT NULL,
    inputs        jsonb       NOT NULL,
    result        text        NOT NULL,
    decided_at    timestamptz NOT NULL,
    PRIMARY KEY (evaluation_id, seq)
);
CREATE INDEX rule_decision_order ON rule_decision (hub_order_id, decided_at);

-- The manual review pool: orders a rule held for a person (risk, duplicates, limits...). Nothing is rejected
-- automatically; who decided and when is kept.
CREATE TABLE review_item (
    hub_order_id  uuid        PRIMARY KEY REFERENCES hub_order (hub_order_id),
    evaluation_id uuid        NOT NULL,
    state         text        NOT NULL CHECK (state IN ('PENDING', 'APPROVED', 'REJECTED')),
    codes         jsonb       NOT NULL,
    reasons       jsonb       NOT NULL,
    channel       text        NOT NULL,
    shop_key      text        NOT NULL,
    created_at    timestamptz NOT NULL,
    decided_at    timestamptz,
    decided_by    text,
    decision_note text
);
CREATE INDEX review_item_pending ON review_item (created_at) WHERE state = 'PENDING';
