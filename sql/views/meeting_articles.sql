-- meeting_articles: which article reports which meeting, with the dedup match score and reason.
CREATE OR REPLACE VIEW meeting_articles AS
SELECT meeting_id, article_id, match_score, match_reason
FROM bridge_meeting_article;
