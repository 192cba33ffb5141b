-- The meeting reports to cluster: every report on a touched date, and the batch's own reports
-- (dateless reports stand alone). One row per report with its region, kind and topic sets, and
-- its prior cluster: reports already clustered keep their component (only pairs with a new
-- report are compared again), except components holding a re-extracted article, which start over.
WITH todo AS (
    SELECT r.* FROM fact_meeting_report AS r
    WHERE r.meeting_date IN (SELECT meeting_date FROM touched_dates)
       OR r.article_id IN (SELECT article_id FROM touched_articles)
),
regions AS (
    SELECT article_id, list(DISTINCT region_code ORDER BY region_code) AS region_codes
    FROM bridge_meeting_region WHERE article_id IN (SELECT article_id FROM todo) GROUP BY ALL
),
kinds AS (
    SELECT article_id, list(DISTINCT institution_kind ORDER BY institution_kind) AS kinds
    FROM fact_participant WHERE article_id IN (SELECT article_id FROM todo) GROUP BY ALL
),
topics AS (
    SELECT article_id, list(DISTINCT topic ORDER BY topic) AS topics
    FROM fact_directive WHERE article_id IN (SELECT article_id FROM todo) GROUP BY ALL
),
restart AS (  -- meetings that held a re-extracted article
    SELECT DISTINCT meeting_id FROM bridge_meeting_article
    WHERE article_id IN (SELECT article_id FROM touched_articles)
)
SELECT t.article_id, t.meeting_date, t.title, t.venue, t.meeting_type, t.mode,
       t.convening_level, t.convening_region_code, t.election_year,
       coalesce(g.region_codes, []) AS region_codes,
       coalesce(k.kinds, []) AS institution_kinds,
       coalesce(p.topics, []) AS topics,
       b.meeting_id AS prior_meeting_id, b.best_score AS prior_best_score,
       b.best_reason AS prior_best_reason
FROM todo AS t
LEFT JOIN regions AS g USING (article_id)
LEFT JOIN kinds AS k USING (article_id)
LEFT JOIN topics AS p USING (article_id)
LEFT JOIN bridge_meeting_article AS b
       ON b.article_id = t.article_id
      AND b.article_id NOT IN (SELECT article_id FROM touched_articles)
      AND b.meeting_id NOT IN (SELECT meeting_id FROM restart)
ORDER BY t.article_id;
