-- status_quality: the quality gate and the inputs at a glance, one (measure, value) row each.
SELECT * FROM (VALUES
    ('gate runs',                 (SELECT count(*) FROM dq_runs)::VARCHAR),
    ('gate runs failed',          (SELECT count(*) FROM dq_runs WHERE NOT success)::VARCHAR),
    ('last gate run (UTC)',       (SELECT strftime(max(started_at), '%Y-%m-%d %H:%M:%S') FROM dq_runs)),
    ('quarantined batches',       (SELECT count(*) FROM quarantined_batches)::VARCHAR),
    ('last quarantine (UTC)',     (SELECT strftime(max(quarantined_at), '%Y-%m-%d %H:%M:%S') FROM quarantined_batches)),
    ('rejected inputs',           (SELECT count(*) FROM rejected_inputs)::VARCHAR),
    ('last rejection (UTC)',      (SELECT strftime(max(rejected_at), '%Y-%m-%d %H:%M:%S') FROM rejected_inputs))
) AS t(measure, value)
