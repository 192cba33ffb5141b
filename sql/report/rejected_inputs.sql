-- rejected_inputs: inputs that could not be used, with the reason, newest first.
-- Grain: (location, batch_id). Parameter: $limit.
SELECT source_uri, location, stage, reason, batch_id, rejected_at
FROM rejected_inputs
ORDER BY rejected_at DESC, source_uri
LIMIT $limit
