-- Every channel mapping version that was ever live, with its files, so any of them can be restored by API
-- (所有配置均可随时回滚), and what each channel serves now — shared by all pods of a cluster.
CREATE TABLE mapping_version (
    version       text        PRIMARY KEY,
    channel       text        NOT NULL,
    jsonata       bytea       NOT NULL,
    status_yaml   bytea       NOT NULL,
    input_schema  bytea       NOT NULL,
    first_live_at timestamptz NOT NULL
);
CREATE INDEX mapping_version_channel ON mapping_version (channel, first_live_at);

CREATE TABLE mapping_live (
    channel     text        PRIMARY KEY,
    version     text        NOT NULL REFERENCES mapping_version (version),
    -- the directory's version when this row was written: a rollback holds until the directory changes again
    dir_version text        NOT NULL,
    cause       text        NOT NULL CHECK (cause IN ('directory', 'rollback')),
    changed_at  timestamptz NOT NULL
);
