-- quarantine_list: articles set aside by the gate, newest first (`quarantine show` gives every
-- column). Parameters: $all (also the released ones), $limit.
SELECT article_id, status, source_uri, suite || ': ' || expectation AS failed, value,
       times_seen, last_seen
FROM quarantined_articles
WHERE $all OR status <> 'released'
ORDER BY last_seen DESC, article_id
LIMIT $limit
