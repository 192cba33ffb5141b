-- source_files: one row per input location seen; lets an unchanged re-run skip reading the file.
-- Key: location (absolute path or URL), kept by the load (discovery lists a location once; a
-- batch deletes the rows of its locations before appending), not by a DuckDB index: an ART
-- index is rewritten whole at every checkpoint, so each commit would grow with the files seen.
CREATE TABLE IF NOT EXISTS source_files (
    location      VARCHAR NOT NULL,
    source_uri    VARCHAR NOT NULL,
    size          BIGINT,
    mtime_ns      BIGINT,
    article_id    VARCHAR,
    status        VARCHAR NOT NULL,          -- loaded | duplicate | rejected | quarantined
    batch_id      VARCHAR,
    seen_at       TIMESTAMP NOT NULL
);
