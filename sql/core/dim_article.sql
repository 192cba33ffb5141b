-- dim_article: one row per distinct article (content hash). Key: article_id.
-- Grain: one row per distinct normalized text. The text itself lives in article_text (same key,
-- in this file too), so the dimension stays narrow.
-- Filled by: sql/load/30_dim_article.sql and sql/load/31_article_text.sql (from stg_articles).
-- Keys are kept by the load (a batch's articles replace earlier rows of the same id; the gate
-- checks staged keys are unique), not by a DuckDB index: an ART index is rewritten whole at
-- every checkpoint, which made each batch's commit slower than the last (issue 6).
CREATE TABLE IF NOT EXISTS dim_article (
    article_id         VARCHAR NOT NULL,
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
    article_id  VARCHAR NOT NULL,
    text        VARCHAR NOT NULL             -- normalized text; all evidence offsets point into it
);
