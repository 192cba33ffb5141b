-- load_batches: one row per batch the pipeline tried to load. Key: batch_id.
CREATE TABLE IF NOT EXISTS load_batches (
    batch_id          VARCHAR PRIMARY KEY,
    run_id            VARCHAR,
    status            VARCHAR NOT NULL,      -- loaded | quarantined | empty
    n_sources         INTEGER,
    n_articles        INTEGER,
    n_rejected        INTEGER,
    extractor_version VARCHAR,
    started_at        TIMESTAMP,
    finished_at       TIMESTAMP,
    message           VARCHAR
);
