-- report_match_keys: what meeting dedup compares, one row per meeting report (key: article_id).
-- Written with the report's facts, so a batch re-clusters its dates without re-aggregating
-- regions, institution kinds and topics of every earlier report on them.
CREATE TABLE IF NOT EXISTS report_match_keys (
    article_id             VARCHAR NOT NULL,
    meeting_date           DATE,
    title_key              VARCHAR NOT NULL,     -- title words without stop words (pilkada.load.dedup)
    mode                   VARCHAR,
    convening_level        VARCHAR,
    convening_region_code  VARCHAR,
    region_codes           VARCHAR[] NOT NULL,
    institution_kinds      VARCHAR[] NOT NULL,
    topics                 VARCHAR[] NOT NULL
);
