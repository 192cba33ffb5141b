-- fetch_log: a listing's ETag / Last-Modified, set once the run has read its entries
-- (held back until then, so a run that stops early gets the whole listing again next time).
-- Parameters: etag, last_modified, url, fetched_at of the listing's fetch.
UPDATE fetch_log
SET etag = $1, last_modified = $2
WHERE url = $3 AND fetched_at = $4 AND outcome = 'ok';
