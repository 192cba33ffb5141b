-- fact_meeting_report: each article's own reading of the meeting it reports.
-- Grain: one row per article that reports a meeting. Key: article_id.
-- Clustering these rows gives fact_meeting without re-extraction.
-- Filled by: sql/load/60_fact_meeting_report.sql (from stg_meeting_reports).
-- Keys are kept by the load (a batch's articles replace earlier rows of the same id; the gate
-- checks staged keys are unique), not by a DuckDB index: an ART index is rewritten whole at
-- every checkpoint, which made each batch's commit slower than the last (issue 6).
CREATE TABLE IF NOT EXISTS fact_meeting_report (
    article_id             VARCHAR NOT NULL,
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
