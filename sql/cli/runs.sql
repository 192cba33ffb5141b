-- runs: one row per build run, newest first: its batches (load_batches) and its rejected inputs.
-- Inputs rejected before reading carry no batch; each belongs to the first run starting after it.
WITH batches AS (
    SELECT
        run_id,
        min(started_at)                                          AS started_at,
        max(finished_at)                                         AS finished_at,
        count(*)                                                 AS batches,
        count(*) FILTER (WHERE status = 'quarantined')           AS quarantined,
        coalesce(sum(n_articles) FILTER (WHERE status = 'loaded'), 0) AS articles_loaded,
        coalesce(sum(n_rejected), 0)                             AS rejected_in_batches
    FROM load_batches
    GROUP BY run_id
),
before_reading AS (
    SELECT b.run_id, count(*) AS n
    FROM rejected_inputs r
    ASOF JOIN batches b ON b.started_at >= r.rejected_at
    WHERE r.batch_id IS NULL
    GROUP BY b.run_id
)
SELECT
    b.run_id,
    b.started_at,
    b.finished_at,
    b.batches,
    b.articles_loaded,
    b.quarantined                                  AS quarantined_batches,
    b.rejected_in_batches + coalesce(r.n, 0)       AS rejected_inputs
FROM batches b
LEFT JOIN before_reading r USING (run_id)
ORDER BY b.started_at DESC
LIMIT $limit
