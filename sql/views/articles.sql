-- articles (public view): where each article came from.
-- Grain: one row per distinct article. Key: article_id.
-- Rows from: dim_article (filled by sql/load/30_dim_article.sql).
CREATE OR REPLACE VIEW articles AS
SELECT article_id, source_uri, url, title, outlet, published_date, is_meeting_report,
       n_chars, extractor_version, batch_id, loaded_at
FROM dim_article;
