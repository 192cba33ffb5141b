-- The ETag / Last-Modified of each URL's latest answered fetch, for conditional GET.
SELECT url, arg_max(etag, fetched_at) AS etag, arg_max(last_modified, fetched_at) AS last_modified
FROM fetch_log
WHERE outcome IN ('ok', 'not_modified')
GROUP BY url;
