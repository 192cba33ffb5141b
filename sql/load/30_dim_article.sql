-- dim_article, filled: the batch's articles (earlier readings of the same content were removed
-- by 25_replace_touched). Grain: one row per distinct article; key: article_id.
-- Rows from: stg_articles (pilkada.load.staging.article_rows).
INSERT INTO dim_article (
    article_id, source_uri, url, title, outlet, published_date, n_chars, is_meeting_report,
    extractor_version, batch_id, loaded_at
)
SELECT article_id, source_uri, url, title, outlet, published_date, n_chars, is_meeting_report,
       extractor_version, batch_id, now()::TIMESTAMP AS loaded_at
FROM stg_articles;
