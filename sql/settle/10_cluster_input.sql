-- Meeting reports to cluster when a run settles its meetings: the pending ones (no meeting yet:
-- new, or unsettled by a re-extraction) and every settled report on their dates, with match keys
-- and prior cluster. Settled reports keep their component; only pairs with a pending report are
-- compared (pilkada.dedup.cluster_records).
WITH pending AS (
    SELECT article_id, meeting_date FROM report_match_keys
    WHERE article_id NOT IN (SELECT article_id FROM bridge_meeting_article)
)
SELECT k.article_id, k.meeting_date, k.title_key, k.mode, k.convening_level,
       k.convening_region_code, k.region_codes, k.institution_kinds, k.topics,
       b.meeting_id AS prior_meeting_id, b.best_score AS prior_best_score,
       b.best_reason AS prior_best_reason
FROM report_match_keys AS k
LEFT JOIN bridge_meeting_article AS b USING (article_id)
WHERE k.meeting_date IN (SELECT meeting_date FROM pending)
   OR k.article_id IN (SELECT article_id FROM pending)
ORDER BY k.article_id;
