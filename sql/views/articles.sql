-- articles: one row per distinct article, with where it came from.
CREATE OR REPLACE VIEW articles AS
SELECT article_id, source_uri, url, title, outlet, published_date, is_meeting_report,
       n_chars, extractor_version, batch_id, loaded_at
FROM dim_article;
