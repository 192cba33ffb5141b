-- The meeting reports to re-cluster: every report on a touched date, and the batch's own reports
-- (dateless reports stand alone). One row per report with its region, kind and topic sets.
SELECT r.article_id, r.meeting_date, r.title, r.venue, r.meeting_type, r.mode,
       r.convening_level, r.convening_region_code, r.election_year,
       coalesce((SELECT list(DISTINCT g.region_code ORDER BY g.region_code)
                 FROM bridge_meeting_region AS g WHERE g.article_id = r.article_id), [])
           AS region_codes,
       coalesce((SELECT list(DISTINCT p.institution_kind ORDER BY p.institution_kind)
                 FROM fact_participant AS p WHERE p.article_id = r.article_id), [])
           AS institution_kinds,
       coalesce((SELECT list(DISTINCT d.topic ORDER BY d.topic)
                 FROM fact_directive AS d WHERE d.article_id = r.article_id), [])
           AS topics
FROM fact_meeting_report AS r
WHERE r.meeting_date IN (SELECT meeting_date FROM touched_dates)
   OR r.article_id IN (SELECT article_id FROM touched_articles)
ORDER BY r.article_id;
