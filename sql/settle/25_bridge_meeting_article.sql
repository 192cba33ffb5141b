-- bridge_meeting_article, filled: which article reports which meeting. The changed cluster rows
-- of a settle chunk replace the articles' earlier rows. Grain: one row per meeting report; key:
-- article_id (an article reports one meeting). Rows from: new_clusters
-- (pilkada.load.dedup.settle_chunk / pilkada.load.dedup.cluster_records).
DELETE FROM bridge_meeting_article WHERE article_id IN (SELECT article_id FROM new_clusters);
INSERT INTO bridge_meeting_article (
    meeting_id, article_id, match_score, match_reason, best_score, best_reason
)
SELECT meeting_id, article_id, match_score, match_reason, best_score, best_reason
FROM new_clusters;
