-- stale_meetings (temp): the meetings a settle chunk rebuilds: those its changed cluster rows
-- (new_clusters) belong to now or belonged to before. Grain: one row per meeting; key:
-- meeting_id. Rows from: bridge_meeting_article (before 25_bridge_meeting_article changes it)
-- and new_clusters (article_id, meeting_id, match_score, match_reason, best_score,
-- best_reason: pilkada.load.dedup.settle_chunk, only reports that were pending or whose meeting or
-- best match moved; registered by pilkada.load.warehouse.settle_meetings).
CREATE OR REPLACE TEMP TABLE stale_meetings AS
SELECT DISTINCT meeting_id FROM bridge_meeting_article
WHERE article_id IN (SELECT article_id FROM new_clusters)
UNION SELECT DISTINCT meeting_id FROM new_clusters;
