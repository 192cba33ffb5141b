-- fetch_log, updated: a listing's ETag / Last-Modified, set once the run has read its entries
-- (held back until then, so a run that stops early gets the whole listing again next time).
-- Grain: one row per fetch attempt; key: (url, fetched_at). Rows from: the run's fetches,
-- appended by pilkada.load.warehouse.append_ops; this file only sets the validators of one of them
-- (parameters: etag, last_modified, url, fetched_at of the listing's fetch).
UPDATE fetch_log
SET etag = $1, last_modified = $2
WHERE url = $3 AND fetched_at = $4 AND outcome = 'ok';
