-- rejected_in_run: a few inputs one run rejected (its batches' and those rejected before reading,
-- which carry no batch and are dated from the run's start on), to name them in its last message.
SELECT source_uri, reason
FROM rejected_inputs
WHERE starts_with(coalesce(batch_id, ''), $run)
   OR (batch_id IS NULL AND rejected_at >= $started)
ORDER BY rejected_at, source_uri
LIMIT 3
