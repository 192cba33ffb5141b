-- stg_meeting_reports: each meeting-report article's reading of its meeting, typed.
-- Grain: one row per meeting-report article of the batch; key: article_id.
-- Rows from: the registered frame batch_meeting_reports (pilkada.load.staging.article_rows).
CREATE OR REPLACE TEMP VIEW stg_meeting_reports AS
WITH source AS (SELECT * FROM batch_meeting_reports)
SELECT CAST(article_id AS VARCHAR)             AS article_id,
       CAST(meeting_date AS DATE)              AS meeting_date,
       CAST(date_evidence AS VARCHAR)          AS date_evidence,
       CAST(title AS VARCHAR)                  AS title,
       CAST(meeting_type AS VARCHAR)           AS meeting_type,
       CAST(mode AS VARCHAR)                   AS mode,
       CAST(venue AS VARCHAR)                  AS venue,
       CAST(convening_level AS VARCHAR)        AS convening_level,
       CAST(convening_region_code AS VARCHAR)  AS convening_region_code,
       CAST(election_year AS INTEGER)          AS election_year
FROM source;
