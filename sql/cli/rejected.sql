-- rejected: the rejected inputs, newest first, with the reason and the batch that met them
-- (none for inputs rejected before reading). $run keeps one run's: from its start (in its id)
-- to the next run's (of the warehouse's or the runs log's).
WITH starts AS (
    SELECT DISTINCT strptime(substr(left(batch_id, 23), 2, 15), '%Y%m%dT%H%M%S') AS started_at
    FROM dq_runs
    WHERE regexp_full_match(left(batch_id, 23), 'r\d{8}T\d{6}-[0-9a-f]+')
    UNION  -- the runs log's runs: a later run that left no gate run still ends this one's span
    SELECT strptime(substr(id, 2, 15), '%Y%m%dT%H%M%S')
    FROM unnest($logged::VARCHAR[]) AS t(id)
    WHERE regexp_full_match(id, 'r\d{8}T\d{6}-[0-9a-f]+')
),
span AS (
    SELECT
        strptime(substr($run, 2, 15), '%Y%m%dT%H%M%S') AS since,
        (SELECT min(started_at) FROM starts
         WHERE started_at > strptime(substr($run, 2, 15), '%Y%m%dT%H%M%S')) AS until
    WHERE $run IS NOT NULL
)
SELECT rejected_at, stage, source_uri, reason,  -- rejected_at: UTC, shown in Asia/Jakarta
       batch_id
FROM rejected_inputs
WHERE $run IS NULL
   OR starts_with(coalesce(batch_id, ''), $run)
   OR (batch_id IS NULL AND rejected_at >= (SELECT since FROM span)
       AND rejected_at < coalesce((SELECT until FROM span), TIMESTAMP '9999-12-31'))
ORDER BY rejected_inputs.rejected_at DESC, source_uri
LIMIT $limit
