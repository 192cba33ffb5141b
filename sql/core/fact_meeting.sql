-- fact_meeting: one row per real-world meeting, however many articles report it.
-- Key: meeting_id = 'm_' || hash of the smallest article_id in its cluster.
CREATE TABLE IF NOT EXISTS fact_meeting (
    meeting_id             VARCHAR PRIMARY KEY,
    meeting_date           DATE,
    date_key               INTEGER,
    title                  VARCHAR,
    meeting_type           VARCHAR,
    mode                   VARCHAR,
    venue                  VARCHAR,
    convening_level        VARCHAR,
    convening_region_code  VARCHAR,
    election_year          INTEGER,
    n_articles             INTEGER NOT NULL,
    clustered_at           TIMESTAMP NOT NULL
);
