-- meetings: one row per real-world meeting.
CREATE OR REPLACE VIEW meetings AS
SELECT meeting_id, meeting_date, title, meeting_type, mode, venue, convening_level,
       convening_region_code, election_year, n_articles
FROM fact_meeting;
