-- article_text, filled: the normalized text of the batch's articles. Grain: one row per
-- article; key: article_id. Rows from: stg_articles (pilkada.sources.textnorm).
INSERT INTO article_text (article_id, text)
SELECT article_id, text
FROM stg_articles;
