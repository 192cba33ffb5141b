-- fact_meeting_report, filled: each meeting-report article's own reading of its meeting
-- (earlier readings were removed by 25_replace_touched). Grain: one row per article that
-- reports a meeting; key: article_id. Rows from: stg_meeting_reports
-- (pilkada.extract.extractor.Extractor.extract), with the article's extractor_version.
-- fact_meeting is built from these rows (sql/settle/30_fact_meeting.sql).
INSERT INTO fact_meeting_report (
    article_id, meeting_date, date_evidence, title, meeting_type, mode, venue, convening_level,
    convening_region_code, election_year, extractor_version
)
SELECT r.article_id, r.meeting_date, r.date_evidence, r.title, r.meeting_type, r.mode, r.venue,
       r.convening_level, r.convening_region_code, r.election_year, a.extractor_version
FROM stg_meeting_reports AS r
JOIN stg_articles AS a USING (article_id);
