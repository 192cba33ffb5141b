-- Remember what the batch touches before it is replaced: the articles, and the meeting dates
-- (old and new) whose clusters must be recomputed.
CREATE OR REPLACE TEMP TABLE touched_articles AS
SELECT article_id FROM stg_articles;

CREATE OR REPLACE TEMP TABLE touched_dates AS
SELECT DISTINCT meeting_date FROM stg_meeting_reports WHERE meeting_date IS NOT NULL
UNION
SELECT DISTINCT r.meeting_date
FROM fact_meeting_report AS r JOIN touched_articles USING (article_id)
WHERE r.meeting_date IS NOT NULL;
