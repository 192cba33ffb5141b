-- source_files: one row per input location seen; lets an unchanged re-run skip reading the file.
-- Key: location (absolute path or URL).
CREATE TABLE IF NOT EXISTS source_files (
    location      VARCHAR PRIMARY KEY,
    source_uri    VARCHAR NOT NULL,
    size          BIGINT,
    mtime_ns      BIGINT,
    article_id    VARCHAR,
    status        VARCHAR NOT NULL,          -- loaded | duplicate | rejected | quarantined
    batch_id      VARCHAR,
    seen_at       TIMESTAMP NOT NULL
);
