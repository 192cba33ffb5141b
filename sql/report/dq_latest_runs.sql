-- dq_latest_runs: the latest quality-gate run of each suite set (regions, staged articles ...).
-- Grain: suite_names. Together they are the warehouse's current validation status.
SELECT run_id, batch_id, suite_names, success, n_expectations, n_failed, started_at, duration_s
FROM dq_runs
QUALIFY row_number() OVER (PARTITION BY suite_names ORDER BY started_at DESC, run_id DESC) = 1
ORDER BY started_at DESC, suite_names
