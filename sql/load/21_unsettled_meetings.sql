-- unsettled_meetings (temp): the meetings to cluster again because of touched_articles: those
-- that held such an article, and every meeting on a date one of its old reports had (their best
-- matches may have involved it). Grain: one row per meeting; key: meeting_id.
-- Rows from: bridge_meeting_article, report_match_keys and fact_meeting_report.
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
