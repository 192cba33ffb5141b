-- The batch's articles (earlier readings of the same content were removed by 25_replace).
INSERT INTO dim_article
SELECT article_id, source_uri, url, title, outlet, published_date, n_chars, is_meeting_report,
       extractor_version, batch_id, now()::TIMESTAMP
FROM stg_articles;
INSERT INTO article_text SELECT article_id, text FROM stg_articles;
