-- dq_recent_runs: the most recent quality-gate runs, newest first. Grain: run. Parameter: $limit.
SELECT run_id, batch_id, suite_names, success, n_expectations, n_failed, started_at, duration_s
FROM dq_runs
ORDER BY started_at DESC, run_id DESC
LIMIT $limit
