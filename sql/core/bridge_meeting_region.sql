-- bridge_meeting_region: a region's role in a meeting, as stated by one article.
-- Grain: one row per region and role per article. Key: (article_id, region_code, role).
-- The meeting comes through bridge_meeting_article.
-- Filled by: sql/load/63_bridge_meeting_region.sql (from stg_meeting_regions).
CREATE TABLE IF NOT EXISTS bridge_meeting_region (
    article_id         VARCHAR NOT NULL,
    region_code        VARCHAR NOT NULL,
    role               VARCHAR NOT NULL,
    evidence_start     INTEGER NOT NULL,
    evidence_end       INTEGER NOT NULL,
    evidence           VARCHAR NOT NULL,
    extractor_version  VARCHAR NOT NULL
);
