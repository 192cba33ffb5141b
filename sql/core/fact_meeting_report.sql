-- fact_meeting_report: one row per article that reports a meeting: that article's reading of it.
-- Key: article_id. Clustering these rows gives fact_meeting without re-extraction.
CREATE TABLE IF NOT EXISTS fact_meeting_report (
    article_id             VARCHAR PRIMARY KEY,
    meeting_date           DATE,
    date_evidence          VARCHAR,
    title                  VARCHAR,
    meeting_type           VARCHAR,
    mode                   VARCHAR,
    venue                  VARCHAR,
    convening_level        VARCHAR,
    convening_region_code  VARCHAR,
    election_year          INTEGER,
    extractor_version      VARCHAR NOT NULL
);
