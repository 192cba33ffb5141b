-- quarantined_articles: one row per article a `drop_article` expectation set aside, with the
-- first expectation it failed (all of them in reason). Key: article_id. The rest of its batch
-- loaded. status: quarantined (kept out; re-tried when the extractor version or the suites
-- change, or the input does) | retry (asked for by `pilkada quarantine retry`) | released
-- (a later run loaded it, once).
CREATE TABLE IF NOT EXISTS quarantined_articles (
    article_id        VARCHAR PRIMARY KEY,
    source_uri        VARCHAR,
    location          VARCHAR,
    batch_id          VARCHAR NOT NULL,       -- the latest batch that set it aside
    suite             VARCHAR NOT NULL,
    expectation       VARCHAR NOT NULL,       -- the rule name (meta.rule) in that suite
    "column"          VARCHAR,
    value             VARCHAR,                -- the offending value (shortened)
    reason            VARCHAR NOT NULL,
    n_failures        INTEGER NOT NULL,
    extractor_version VARCHAR NOT NULL,
    suites_version    VARCHAR NOT NULL,       -- fingerprint of the committed suites then
    path              VARCHAR,                -- folder holding its staged rows
    status            VARCHAR NOT NULL,
    first_seen        TIMESTAMP NOT NULL,
    last_seen         TIMESTAMP NOT NULL,
    times_seen        INTEGER NOT NULL,
    released_batch    VARCHAR,
    released_at       TIMESTAMP
);
