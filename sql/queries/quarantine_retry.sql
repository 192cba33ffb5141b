-- quarantine_retry: quarantined articles (all, or those in $ids) are read again by the next run.
UPDATE quarantined_articles
SET status = 'retry'
WHERE status = 'quarantined'
  AND (len($ids) = 0 OR list_contains($ids, article_id))
RETURNING article_id
