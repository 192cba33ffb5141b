-- What the batch replaces, before anything is written: articles already in the warehouse (a
-- re-extraction), and the meetings to cluster again because of them: those that held such an
-- article, and every meeting on a date one of its old reports had (their best matches may have
-- involved it).
CREATE OR REPLACE TEMP TABLE touched_articles AS
SELECT article_id FROM stg_articles
WHERE article_id IN (SELECT article_id FROM dim_article);

CREATE OR REPLACE TEMP TABLE unsettled_meetings AS
SELECT DISTINCT b.meeting_id
FROM bridge_meeting_article AS b
WHERE b.article_id IN (SELECT article_id FROM touched_articles)
   OR b.article_id IN (
        SELECT article_id FROM report_match_keys
        WHERE meeting_date IN (
            SELECT r.meeting_date FROM fact_meeting_report AS r
            WHERE r.article_id IN (SELECT article_id FROM touched_articles)
        )
   );
