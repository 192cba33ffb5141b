-- dq_results: one row per expectation evaluated in a dq run. Key: (run_id, suite, expectation_type, column).
CREATE TABLE IF NOT EXISTS dq_results (
    run_id            VARCHAR,
    batch_id          VARCHAR,
    suite             VARCHAR,
    expectation_type  VARCHAR,
    "column"          VARCHAR,
    success           BOOLEAN,
    unexpected_count  BIGINT,
    element_count     BIGINT,
    examples          VARCHAR
);
