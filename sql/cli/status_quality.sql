-- status_quality: the quality gate and the inputs at a glance, one row each: a count (n) or a
-- time (latest: stored UTC; `pilkada status` shows it in Asia/Jakarta, WIB).
SELECT * FROM (VALUES
    ('gate runs',             (SELECT count(*) FROM dq_runs),                      NULL::TIMESTAMP),
    ('gate runs failed',      (SELECT count(*) FROM dq_runs WHERE NOT success),    NULL),
    ('last gate run (WIB)',   NULL,                                                (SELECT max(started_at) FROM dq_runs)),
    ('quarantined batches',   (SELECT count(*) FROM quarantined_batches),          NULL),
    ('last quarantine (WIB)', NULL,                                                (SELECT max(quarantined_at) FROM quarantined_batches)),
    ('rejected inputs',       (SELECT count(*) FROM rejected_inputs),              NULL),
    ('last rejection (WIB)',  NULL,                                                (SELECT max(rejected_at) FROM rejected_inputs))
) AS t(measure, n, latest)
