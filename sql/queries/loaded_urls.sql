-- URLs whose article is already in the warehouse (a feed entry seen before is not fetched again).
SELECT location FROM source_files
WHERE status IN ('loaded', 'duplicate') AND (location LIKE 'http://%' OR location LIKE 'https://%');
