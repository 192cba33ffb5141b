-- status_last_run: the newest run's batches by status and their articles.
WITH last AS (SELECT run_id FROM load_batches ORDER BY started_at DESC LIMIT 1)
SELECT
    run_id,
    min(started_at)                               AS started_at,
    max(finished_at)                              AS finished_at,
    count(*)                                      AS batches,
    count(*) FILTER (WHERE status = 'loaded')     AS loaded,
    count(*) FILTER (WHERE status = 'quarantined') AS quarantined,
    coalesce(sum(n_articles) FILTER (WHERE status = 'loaded'), 0) AS articles_loaded,
    coalesce(sum(n_rejected), 0)                  AS rejected
FROM load_batches
WHERE run_id = (SELECT run_id FROM last)
GROUP BY run_id
