-- Meeting reports to cluster in one settle chunk: every report on the chunk's dates
-- (settle_dates), pending or settled, and when $1 is true the dateless pending ones, with match
-- keys, meeting type and venue, and prior cluster. Settled reports keep their component; only
-- pairs with a pending report are compared (pilkada.load.dedup.cluster_records).
WITH chunk AS (
    SELECT k.article_id, k.meeting_date, k.title_key, k.mode, k.convening_level,
           k.convening_region_code, k.region_codes, k.institution_kinds, k.topics,
           b.meeting_id AS prior_meeting_id, b.best_score AS prior_best_score,
           b.best_reason AS prior_best_reason
    FROM report_match_keys AS k
    LEFT JOIN bridge_meeting_article AS b USING (article_id)
    WHERE k.meeting_date IN (SELECT meeting_date FROM settle_dates)
       OR ($1 AND k.meeting_date IS NULL AND b.article_id IS NULL)
),
reports AS (  -- the same dates' rows of fact_meeting_report (same meeting_date as its keys)
    SELECT article_id, meeting_type, venue FROM fact_meeting_report
    WHERE meeting_date IN (SELECT meeting_date FROM settle_dates)
       OR ($1 AND meeting_date IS NULL)
)
SELECT c.*, r.meeting_type, r.venue
FROM chunk AS c
LEFT JOIN reports AS r USING (article_id)
ORDER BY c.article_id;
