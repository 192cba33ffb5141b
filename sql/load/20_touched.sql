-- What the batch replaces, before anything is written: articles already in the warehouse
-- (a re-extraction), the meetings they belonged to, and the meeting dates, old and new, whose
-- clusters must be brought up to date. Reports on an old date of a replaced article are
-- clustered again from scratch: their meetings and best matches may have involved it.
CREATE OR REPLACE TEMP TABLE touched_articles AS
SELECT article_id FROM stg_articles
WHERE article_id IN (SELECT article_id FROM dim_article);

CREATE OR REPLACE TEMP TABLE restart_meetings AS
SELECT DISTINCT meeting_id FROM bridge_meeting_article
WHERE article_id IN (SELECT article_id FROM touched_articles);

CREATE OR REPLACE TEMP TABLE restart_dates AS
SELECT DISTINCT r.meeting_date
FROM fact_meeting_report AS r JOIN touched_articles USING (article_id)
WHERE r.meeting_date IS NOT NULL;

CREATE OR REPLACE TEMP TABLE touched_dates AS
SELECT DISTINCT meeting_date FROM stg_meeting_reports WHERE meeting_date IS NOT NULL
UNION
SELECT meeting_date FROM restart_dates;
