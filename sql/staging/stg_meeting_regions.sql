-- stg_meeting_regions: regions with their role in each article's meeting, typed.
-- Grain: one row per region and role per article; key: (article_id, region_code, role).
-- Rows from: the registered frame batch_meeting_regions (pilkada.load.staging.article_rows).
CREATE OR REPLACE TEMP VIEW stg_meeting_regions AS
WITH source AS (SELECT * FROM batch_meeting_regions)
SELECT CAST(article_id AS VARCHAR)      AS article_id,
       CAST(region_code AS VARCHAR)     AS region_code,
       CAST(role AS VARCHAR)            AS role,
       CAST(evidence_start AS INTEGER)  AS evidence_start,
       CAST(evidence_end AS INTEGER)    AS evidence_end,
       CAST(evidence AS VARCHAR)        AS evidence
FROM source;
