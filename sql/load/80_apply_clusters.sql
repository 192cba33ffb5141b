-- Replace the clusters of the re-clustered reports (new_clusters: article_id, meeting_id,
-- match_score, match_reason, best_score, best_reason) and rebuild the meetings they belong to
-- or belonged to.
CREATE OR REPLACE TEMP TABLE stale_meetings AS
SELECT DISTINCT meeting_id FROM bridge_meeting_article
WHERE article_id IN (SELECT article_id FROM new_clusters)
   OR article_id IN (SELECT article_id FROM touched_articles)
UNION SELECT DISTINCT meeting_id FROM new_clusters;

DELETE FROM bridge_meeting_article
WHERE article_id IN (SELECT article_id FROM new_clusters)
   OR article_id IN (SELECT article_id FROM touched_articles);
INSERT INTO bridge_meeting_article
SELECT meeting_id, article_id, match_score, match_reason, best_score, best_reason
FROM new_clusters;

DELETE FROM fact_meeting WHERE meeting_id IN (SELECT meeting_id FROM stale_meetings);
INSERT INTO fact_meeting
SELECT b.meeting_id,
       mode(r.meeting_date)                                  AS meeting_date,
       CAST(strftime(mode(r.meeting_date), '%Y%m%d') AS INTEGER) AS date_key,
       arg_min(r.title, r.article_id)                        AS title,
       mode(r.meeting_type)                                  AS meeting_type,
       mode(r.mode)                                          AS mode,
       arg_min(r.venue, r.article_id) FILTER (WHERE r.venue IS NOT NULL) AS venue,
       mode(r.convening_level)                               AS convening_level,
       mode(r.convening_region_code)                         AS convening_region_code,
       mode(r.election_year)                                 AS election_year,
       count(*)                                              AS n_articles,
       now()::TIMESTAMP                                      AS clustered_at
FROM bridge_meeting_article AS b
JOIN fact_meeting_report AS r USING (article_id)
WHERE b.meeting_id IN (SELECT meeting_id FROM stale_meetings)
GROUP BY b.meeting_id;
