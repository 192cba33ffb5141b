-- fact_meeting, filled: the meetings of stale_meetings, rebuilt from their reports. Grain: one
-- row per real-world meeting, however many articles report it; key: meeting_id.
-- Rows from: fact_meeting_report (each article's reading, sql/load/60_fact_meeting_report.sql)
-- grouped by bridge_meeting_article (the clusters, sql/settle/25_bridge_meeting_article.sql).
-- A meeting takes each attribute from most of its reports; ties go to the report with the
-- smallest article_id, so the result never depends on load order. title is the first report's
-- title; venue the first report's venue that names one.
DELETE FROM fact_meeting WHERE meeting_id IN (SELECT meeting_id FROM stale_meetings);
INSERT INTO fact_meeting (
    meeting_id, meeting_date, date_key, title, meeting_type, mode, venue, convening_level,
    convening_region_code, election_year, n_articles, clustered_at
)
SELECT b.meeting_id,
       mode(r.meeting_date ORDER BY r.article_id) AS meeting_date,
       CAST(strftime(mode(r.meeting_date ORDER BY r.article_id), '%Y%m%d') AS INTEGER) AS date_key,
       arg_min(r.title, r.article_id) AS title,
       mode(r.meeting_type ORDER BY r.article_id) AS meeting_type,
       mode(r.mode ORDER BY r.article_id) AS mode,
       arg_min(r.venue, r.article_id) FILTER (WHERE r.venue IS NOT NULL) AS venue,
       mode(r.convening_level ORDER BY r.article_id) AS convening_level,
       mode(r.convening_region_code ORDER BY r.article_id) AS convening_region_code,
       mode(r.election_year ORDER BY r.article_id) AS election_year,
       count(*) AS n_articles,
       now()::TIMESTAMP AS clustered_at
FROM bridge_meeting_article AS b
JOIN fact_meeting_report AS r USING (article_id)
WHERE b.meeting_id IN (SELECT meeting_id FROM stale_meetings)
GROUP BY b.meeting_id;
