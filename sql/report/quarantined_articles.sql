-- quarantined_articles: articles the gate set aside and has not loaded since, newest first.
-- Grain: article. Parameter: $limit.
SELECT article_id, source_uri, suite, expectation, "column", value, reason, status,
       times_seen, first_seen, last_seen
FROM quarantined_articles
WHERE status <> 'released'
ORDER BY last_seen DESC, article_id
LIMIT $limit
