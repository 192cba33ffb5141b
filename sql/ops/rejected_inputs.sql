-- rejected_inputs: one row per input that could not be used, with the reason. Key: (location, batch_id).
CREATE TABLE IF NOT EXISTS rejected_inputs (
    location    VARCHAR NOT NULL,
    source_uri  VARCHAR NOT NULL,
    stage       VARCHAR NOT NULL,            -- discover | read | fetch | official
    reason      VARCHAR NOT NULL,
    batch_id    VARCHAR,
    rejected_at TIMESTAMP NOT NULL
);
