-- meeting_articles (public view): which article reports which meeting, with the dedup
-- match score and reason. Grain: one row per meeting report. Key: article_id.
-- Rows from: bridge_meeting_article (sql/settle/25_bridge_meeting_article.sql).
CREATE OR REPLACE VIEW meeting_articles AS
SELECT meeting_id, article_id, match_score, match_reason
FROM bridge_meeting_article;
