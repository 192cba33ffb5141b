-- published_states: one row per state a build published for readers. Key: seq.
-- The published file holds every row up to its own seq; `kind` says why it was published.
CREATE TABLE IF NOT EXISTS published_states (
    seq          INTEGER PRIMARY KEY,
    published_at TIMESTAMP NOT NULL,
    kind         VARCHAR NOT NULL,      -- start | batches | end
    n_articles   BIGINT NOT NULL,
    n_meetings   BIGINT NOT NULL
);
