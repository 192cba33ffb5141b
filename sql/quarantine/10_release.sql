-- Articles of this batch that were quarantined before now load: mark them released (same
-- transaction as their load, so an article is either quarantined or loaded, never both).
-- Parameters: $batch_id, $now. Reads the registered frame batch_articles.
UPDATE quarantined_articles
SET status = 'released', released_batch = $batch_id, released_at = $now
WHERE status <> 'released'
  AND article_id IN (SELECT article_id FROM batch_articles);
