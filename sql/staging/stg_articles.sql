-- stg_articles: the batch's articles frame, renamed and typed.
-- Grain: one row per article of the batch; key: article_id.
-- Rows from: the registered frame batch_articles (pilkada.load.staging.article_rows).
CREATE OR REPLACE TEMP VIEW stg_articles AS
WITH source AS (SELECT * FROM batch_articles)
SELECT CAST(article_id AS VARCHAR)          AS article_id,
       CAST(source_uri AS VARCHAR)          AS source_uri,
       CAST(url AS VARCHAR)                 AS url,
       CAST(title AS VARCHAR)               AS title,
       CAST(outlet AS VARCHAR)              AS outlet,
       CAST(published_date AS DATE)         AS published_date,
       CAST(text AS VARCHAR)                AS text,
       CAST(n_chars AS INTEGER)             AS n_chars,
       CAST(is_meeting_report AS BOOLEAN)   AS is_meeting_report,
       CAST(extractor_version AS VARCHAR)   AS extractor_version,
       CAST(batch_id AS VARCHAR)            AS batch_id
FROM source;
