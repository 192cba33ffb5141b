-- dim_article: one row per distinct article (content hash). Key: article_id.
-- The text itself lives in article_text (same key), so the dimension stays narrow.
CREATE TABLE IF NOT EXISTS dim_article (
    article_id         VARCHAR PRIMARY KEY,
    source_uri         VARCHAR NOT NULL,
    url                VARCHAR,
    title              VARCHAR,
    outlet             VARCHAR,
    published_date     DATE,
    n_chars            INTEGER NOT NULL,
    is_meeting_report  BOOLEAN NOT NULL,
    extractor_version  VARCHAR NOT NULL,
    batch_id           VARCHAR NOT NULL,
    loaded_at          TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS article_text (
    article_id  VARCHAR PRIMARY KEY,
    text        VARCHAR NOT NULL             -- normalized text; all evidence offsets point into it
);
