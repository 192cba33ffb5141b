-- topic_shares: per directive topic, the meetings where it came up and their share of all
-- meetings. Grain: topic.
WITH total AS (
    SELECT count(*) AS n FROM meetings
)

SELECT
    d.topic,
    count(DISTINCT d.meeting_id)                                   AS meetings,
    count(*)                                                       AS directives,
    round(100.0 * count(DISTINCT d.meeting_id) / max(total.n), 1)  AS pct_meetings
FROM directives AS d, total
GROUP BY d.topic
ORDER BY meetings DESC, d.topic
