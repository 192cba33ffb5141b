-- Apply the clusters that changed (new_clusters: article_id, meeting_id, match_score,
-- match_reason, best_score, best_reason; only reports that were pending or whose meeting or best
-- match moved) and rebuild just the meetings they belong to or belonged to. A meeting takes
-- each attribute from most of its reports; ties go to the report with the smallest article_id,
-- so the result never depends on load order.
CREATE OR REPLACE TEMP TABLE stale_meetings AS
SELECT DISTINCT meeting_id FROM bridge_meeting_article
WHERE article_id IN (SELECT article_id FROM new_clusters)
UNION SELECT DISTINCT meeting_id FROM new_clusters;

DELETE FROM bridge_meeting_article WHERE article_id IN (SELECT article_id FROM new_clusters);
INSERT INTO bridge_meeting_article
SELECT meeting_id, article_id, match_score, match_reason, best_score, best_reason
FROM new_clusters;

DELETE FROM fact_meeting WHERE meeting_id IN (SELECT meeting_id FROM stale_meetings);
INSERT INTO fact_meeting
SELECT b.meeting_id,
       mode(r.meeting_date ORDER BY r.article_id) AS meeting_date,
       CAST(strftime(mode(r.meeting_date ORDER BY r.article_id), '%Y%m%d') AS INTEGER) AS date_key,
       arg_min(r.title, r.article_id) AS title,
       mode(r.meeting_type ORDER BY r.article_id) AS meeting_type,
       mode(r.mode ORDER BY r.article_id) AS mode,
       arg_min(r.venue, r.article_id) FILTER (WHERE r.venue IS NOT NULL) AS venue,
       mode(r.convening_level ORDER BY r.article_id) AS convening_level,
       mode(r.convening_region_code ORDER BY r.article_id) AS convening_region_code,
       mode(r.election_year ORDER BY r.article_id) AS election_year,
       count(*) AS n_articles,
       now()::TIMESTAMP AS clustered_at
FROM bridge_meeting_article AS b
JOIN fact_meeting_report AS r USING (article_id)
WHERE b.meeting_id IN (SELECT meeting_id FROM stale_meetings)
GROUP BY b.meeting_id;
