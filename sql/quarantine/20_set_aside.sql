-- quarantined_articles, filled: the articles this batch set aside. New ones are inserted, known
-- ones counted again (first_seen kept, reason and versions updated). Grain: one row per article;
-- key: article_id. Rows from: the registered frame batch_set_aside, one row per article
-- (pilkada.run.pipeline.set_aside_rows).
INSERT INTO quarantined_articles (
    article_id, source_uri, location, batch_id, suite, expectation, "column", value, reason,
    n_failures, extractor_version, suites_version, path, status, first_seen, last_seen,
    times_seen, released_batch, released_at
)
SELECT article_id, source_uri, location, batch_id, suite, expectation, "column", value, reason,
       n_failures, extractor_version, suites_version, path,
       'quarantined' AS status, last_seen AS first_seen, last_seen, 1 AS times_seen,
       NULL AS released_batch, CAST(NULL AS TIMESTAMP) AS released_at
FROM batch_set_aside
ON CONFLICT (article_id) DO UPDATE SET
    source_uri = excluded.source_uri,
    location = excluded.location,
    batch_id = excluded.batch_id,
    suite = excluded.suite,
    expectation = excluded.expectation,
    "column" = excluded."column",
    value = excluded.value,
    reason = excluded.reason,
    n_failures = excluded.n_failures,
    extractor_version = excluded.extractor_version,
    suites_version = excluded.suites_version,
    path = excluded.path,
    status = 'quarantined',
    last_seen = excluded.last_seen,
    times_seen = quarantined_articles.times_seen + 1,
    released_batch = NULL,
    released_at = NULL;
