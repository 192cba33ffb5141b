-- touched_articles (temp): what the batch replaces, before anything is written: its articles
-- that are already in the warehouse (a re-extraction). Grain: one row per such article; key:
-- article_id. Rows from: stg_articles joined to dim_article.
CREATE OR REPLACE TEMP TABLE touched_articles AS
SELECT article_id FROM stg_articles
WHERE article_id IN (SELECT article_id FROM dim_article);
