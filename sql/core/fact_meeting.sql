-- fact_meeting: real-world meetings.
-- Grain: one row per meeting, however many articles report it.
-- Key: meeting_id = 'm_' || hash of the smallest article_id in its cluster.
-- Filled by: sql/settle/30_fact_meeting.sql (from fact_meeting_report, grouped by
-- bridge_meeting_article).
-- Keys are kept by the load (a batch's articles replace earlier rows of the same id; the gate
-- checks staged keys are unique), not by a DuckDB index: an ART index is rewritten whole at
-- every checkpoint, which made each batch's commit slower than the last (issue 6).
CREATE TABLE IF NOT EXISTS fact_meeting (
    meeting_id             VARCHAR NOT NULL,
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
