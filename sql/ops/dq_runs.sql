-- dq_runs: one row per quality-gate run (a checkpoint over one batch). Key: run_id.
CREATE TABLE IF NOT EXISTS dq_runs (
    run_id          VARCHAR PRIMARY KEY,
    batch_id        VARCHAR,
    suite_names     VARCHAR,
    success         BOOLEAN,
    n_expectations  INTEGER,
    n_failed        INTEGER,
    started_at      TIMESTAMP,
    duration_s      DOUBLE
);
