-- stg_participants: participants per article, typed.
-- Grain: one row per participant per article; key: (article_id, seq).
-- Rows from: the registered frame batch_participants (pilkada.load.staging.article_rows).
CREATE OR REPLACE TEMP VIEW stg_participants AS
WITH source AS (SELECT * FROM batch_participants)
SELECT CAST(article_id AS VARCHAR)        AS article_id,
       CAST(seq AS INTEGER)               AS seq,
       CAST(person_name AS VARCHAR)       AS person_name,
       CAST(position AS VARCHAR)          AS position,
       CAST(rank AS VARCHAR)              AS rank,
       CAST(institution AS VARCHAR)       AS institution,
       CAST(institution_id AS VARCHAR)    AS institution_id,
       CAST(institution_kind AS VARCHAR)  AS institution_kind,
       CAST(region_code AS VARCHAR)       AS region_code,
       CAST(role AS VARCHAR)              AS role,
       CAST(evidence_start AS INTEGER)    AS evidence_start,
       CAST(evidence_end AS INTEGER)      AS evidence_end,
       CAST(evidence AS VARCHAR)          AS evidence
FROM source;
