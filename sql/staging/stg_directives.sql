-- stg_directives: directives per article and topic, typed.
-- Grain: one row per directive and topic per article; key: (article_id, seq, topic).
-- Rows from: the registered frame batch_directives (pilkada.load.staging.article_rows).
CREATE OR REPLACE TEMP VIEW stg_directives AS
WITH source AS (SELECT * FROM batch_directives)
SELECT CAST(article_id AS VARCHAR)               AS article_id,
       CAST(seq AS INTEGER)                      AS seq,
       CAST(issuer_name AS VARCHAR)              AS issuer_name,
       CAST(issuer_position AS VARCHAR)          AS issuer_position,
       CAST(issuer_institution_kind AS VARCHAR)  AS issuer_institution_kind,
       CAST(topic AS VARCHAR)                    AS topic,
       CAST(text AS VARCHAR)                     AS text,
       CAST(evidence_start AS INTEGER)           AS evidence_start,
       CAST(evidence_end AS INTEGER)             AS evidence_end,
       CAST(evidence AS VARCHAR)                 AS evidence
FROM source;
