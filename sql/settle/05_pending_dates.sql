-- Query (builds no table): the dates that hold pending meeting reports (no meeting yet), with
-- how many reports each holds in all, so a run can settle them in chunks of bounded size; a NULL
-- date row counts the dateless pending reports (each stands alone). Grain: one row per date;
-- key: meeting_date. Rows from: report_match_keys and bridge_meeting_article.
WITH pending AS (
    SELECT article_id, meeting_date FROM report_match_keys
    WHERE article_id NOT IN (SELECT article_id FROM bridge_meeting_article)
)
SELECT k.meeting_date, count(*) AS n_reports
FROM report_match_keys AS k
WHERE k.meeting_date IN (SELECT meeting_date FROM pending)
GROUP BY k.meeting_date
UNION ALL
SELECT NULL, count(*) FROM pending WHERE meeting_date IS NULL HAVING count(*) > 0
ORDER BY 1 NULLS FIRST;
