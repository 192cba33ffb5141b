-- fact_participant: participants of a meeting as reported by one article.
-- Grain: one row per participant per article. Key: (article_id, seq).
-- The meeting comes through bridge_meeting_article.
-- Filled by: sql/load/61_fact_participant.sql (from stg_participants).
CREATE TABLE IF NOT EXISTS fact_participant (
    article_id         VARCHAR NOT NULL,
    seq                INTEGER NOT NULL,
    person_name        VARCHAR,
    position           VARCHAR,
    rank               VARCHAR,
    institution_id     VARCHAR,
    institution        VARCHAR,
    institution_kind   VARCHAR NOT NULL,
    region_code        VARCHAR,
    role               VARCHAR NOT NULL,
    evidence_start     INTEGER NOT NULL,
    evidence_end       INTEGER NOT NULL,
    evidence           VARCHAR NOT NULL,
    extractor_version  VARCHAR NOT NULL
);
