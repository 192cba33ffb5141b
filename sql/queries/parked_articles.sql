-- parked_articles: quarantined articles whose reason cannot have gone away yet (same extractor
-- version, same suites); their unchanged inputs are not read again. Parameters: $extractor_version,
-- $suites_version.
SELECT article_id
FROM quarantined_articles
WHERE status = 'quarantined'
  AND extractor_version = $extractor_version
  AND suites_version = $suites_version
