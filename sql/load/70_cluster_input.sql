-- The meeting reports to cluster: every report on a touched date, and the batch's own reports
-- (dateless reports stand alone), with their match keys and prior cluster. Reports already
-- clustered keep their component (only pairs with a new report are compared again), except
-- the reports of a replaced article's meeting or old date, which start over.
WITH prior AS (
    SELECT b.* FROM bridge_meeting_article AS b
    JOIN report_match_keys AS k USING (article_id)
    WHERE k.meeting_date IS NULL
       OR k.meeting_date NOT IN (SELECT meeting_date FROM restart_dates)
)
SELECT k.article_id, k.meeting_date, k.title_key, k.mode, k.convening_level,
       k.convening_region_code, k.region_codes, k.institution_kinds, k.topics,
       b.meeting_id AS prior_meeting_id, b.best_score AS prior_best_score,
       b.best_reason AS prior_best_reason
FROM report_match_keys AS k
LEFT JOIN prior AS b
       ON b.article_id = k.article_id
      AND b.article_id NOT IN (SELECT article_id FROM touched_articles)
      AND b.meeting_id NOT IN (SELECT meeting_id FROM restart_meetings)
WHERE k.meeting_date IN (SELECT meeting_date FROM touched_dates)
   OR k.article_id IN (SELECT article_id FROM stg_meeting_reports)
ORDER BY k.article_id;
