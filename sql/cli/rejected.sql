-- rejected: the rejected inputs, newest first, with the reason and the batch that met them.
SELECT rejected_at, stage, source_uri, reason, batch_id, location
FROM rejected_inputs
WHERE $run IS NULL OR starts_with(coalesce(batch_id, ''), $run)
ORDER BY rejected_at DESC, source_uri
LIMIT $limit
