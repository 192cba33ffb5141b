-- dq_warnings: one row per value a `warn` expectation flagged in a loaded batch: set to NULL
-- (action set_null, field-level doubt) or kept (action kept). Grain: (batch_id, article_id,
-- expectation, value); append-only.
CREATE TABLE IF NOT EXISTS dq_warnings (
    run_id       VARCHAR,
    batch_id     VARCHAR NOT NULL,
    article_id   VARCHAR,
    suite        VARCHAR NOT NULL,
    expectation  VARCHAR NOT NULL,
    "column"     VARCHAR,
    value        VARCHAR,
    action       VARCHAR NOT NULL,            -- set_null | kept
    recorded_at  TIMESTAMP NOT NULL
);
