-- status_quality: the quality gate at a glance: checkpoint runs, failures, quarantined batches.
SELECT
    (SELECT count(*) FROM dq_runs)                        AS gate_runs,
    (SELECT count(*) FROM dq_runs WHERE NOT success)      AS gate_failures,
    (SELECT max(started_at) FROM dq_runs)                 AS last_gate_run,
    (SELECT count(*) FROM quarantined_batches)            AS quarantined_batches,
    (SELECT max(quarantined_at) FROM quarantined_batches) AS last_quarantine,
    (SELECT count(*) FROM rejected_inputs)                AS rejected_inputs
