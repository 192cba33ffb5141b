-- runs: one row per build run, newest first. A run is known by any trace it left: batches
-- (load_batches), gate runs (dq_runs, batch ids start with the run id), quarantined batches.
-- Its start is in its id (rYYYYmmddTHHMMSS-xxxxxx, UTC); a rejected input belongs to the last
-- run started before it (one writer at a time) unless its batch names its run; $logged adds the
-- runs log's runs (`<warehouse>.runs.jsonl`) with their exact starts ($logged_starts, same order),
-- so a run that loaded nothing gets its own rejections, even two runs started in one second.
WITH logged AS (
    SELECT unnest($logged::VARCHAR[]) AS run_id, unnest($logged_starts::VARCHAR[]) AS started
),
ids AS (
    SELECT run_id FROM load_batches
    UNION SELECT left(batch_id, 23) FROM dq_runs
    UNION SELECT run_id FROM quarantined_batches
    UNION SELECT run_id FROM logged  -- the runs log's: also runs that left no trace
),
runs AS (
    SELECT ids.run_id,
           coalesce(try_cast(logged.started AS TIMESTAMP),
                    strptime(substr(ids.run_id, 2, 15), '%Y%m%dT%H%M%S')) AS started_at
    FROM ids
    LEFT JOIN logged USING (run_id)
    WHERE regexp_full_match(ids.run_id, 'r\d{8}T\d{6}-[0-9a-f]+')
),
batches AS (
    SELECT
        run_id,
        max(finished_at)                                               AS finished_at,
        count(*)                                                       AS batches,
        count(*) FILTER (WHERE status = 'quarantined')                 AS quarantined,
        coalesce(sum(n_articles) FILTER (WHERE status = 'loaded'), 0)  AS articles_loaded
    FROM load_batches
    GROUP BY run_id
),
gate AS (
    SELECT left(batch_id, 23) AS run_id, count(*) FILTER (WHERE NOT success) AS failed_checks
    FROM dq_runs
    GROUP BY 1
),
rejected AS (
    SELECT run_id, count(*) AS n
    FROM (
        SELECT left(batch_id, 23) AS run_id FROM rejected_inputs WHERE batch_id IS NOT NULL
        UNION ALL  -- rejected before reading: the last run started before it
        SELECT runs.run_id
        FROM (SELECT rejected_at FROM rejected_inputs WHERE batch_id IS NULL) r
        ASOF JOIN runs ON r.rejected_at >= runs.started_at
    )
    GROUP BY run_id
)
SELECT
    runs.run_id                     AS run,
    runs.started_at                 AS started,
    b.finished_at                   AS finished,
    coalesce(b.batches, 0)          AS batches,
    coalesce(b.articles_loaded, 0)  AS loaded,
    coalesce(b.quarantined, 0)      AS quarantined,
    coalesce(g.failed_checks, 0)    AS gate_failed,
    coalesce(r.n, 0)                AS rejected
FROM runs
LEFT JOIN batches b USING (run_id)
LEFT JOIN gate g USING (run_id)
LEFT JOIN rejected r USING (run_id)
ORDER BY runs.started_at DESC, runs.run_id DESC
LIMIT $limit
