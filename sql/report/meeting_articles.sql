-- meeting_articles: the articles of the given meetings, with where to read them.
-- Grain: meeting x article. Parameter: $meeting_ids (list). Oldest publication first.
SELECT ma.meeting_id, a.article_id, a.title, a.outlet, a.url, a.source_uri, a.published_date,
       ma.match_reason
FROM meeting_articles AS ma
JOIN articles AS a USING (article_id)
WHERE ma.meeting_id IN (SELECT unnest($meeting_ids))
ORDER BY ma.meeting_id, a.published_date NULLS LAST, a.article_id
