-- fetch_log: one row per HTTP fetch attempt; the latest ok row of a URL gives its ETag/Last-Modified.
CREATE TABLE IF NOT EXISTS fetch_log (
    url           VARCHAR NOT NULL,
    fetched_at    TIMESTAMP NOT NULL,
    status        INTEGER,
    outcome       VARCHAR NOT NULL,          -- ok | not_modified | error
    etag          VARCHAR,
    last_modified VARCHAR,
    n_bytes       BIGINT,
    elapsed_s     DOUBLE,
    error         VARCHAR
);
