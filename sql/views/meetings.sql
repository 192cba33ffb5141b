-- meetings (public view): real-world meetings.
-- Grain: one row per meeting, however many articles report it. Key: meeting_id.
-- Rows from: fact_meeting (filled by sql/settle/30_fact_meeting.sql from fact_meeting_report,
-- sql/load/60_fact_meeting_report.sql).
CREATE OR REPLACE VIEW meetings AS
SELECT meeting_id, meeting_date, title, meeting_type, mode, venue, convening_level,
       convening_region_code, election_year, n_articles
FROM fact_meeting;
