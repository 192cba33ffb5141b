-- quarantined_batches: batches stopped by the quality gate, newest first. Grain: batch.
-- Parameter: $limit.
SELECT batch_id, n_articles, message, path, quarantined_at
FROM quarantined_batches
ORDER BY quarantined_at DESC, batch_id
LIMIT $limit
