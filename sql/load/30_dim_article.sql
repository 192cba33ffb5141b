-- Articles of the batch replace any earlier reading of the same content.
DELETE FROM dim_article WHERE article_id IN (SELECT article_id FROM touched_articles);
DELETE FROM article_text WHERE article_id IN (SELECT article_id FROM touched_articles);
INSERT INTO dim_article
SELECT article_id, source_uri, url, title, outlet, published_date, n_chars, is_meeting_report,
       extractor_version, batch_id, now()::TIMESTAMP
FROM stg_articles;
INSERT INTO article_text SELECT article_id, text FROM stg_articles;
