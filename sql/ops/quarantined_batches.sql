-- quarantined_batches: one row per batch stopped by the quality gate. Key: batch_id.
CREATE TABLE IF NOT EXISTS quarantined_batches (
    batch_id       VARCHAR PRIMARY KEY,
    run_id         VARCHAR,
    path           VARCHAR NOT NULL,         -- folder holding the batch and its validation result
    n_articles     INTEGER,
    message        VARCHAR NOT NULL,
    quarantined_at TIMESTAMP NOT NULL
);
