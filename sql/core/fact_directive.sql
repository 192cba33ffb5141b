-- fact_directive: directives (instruction, call, statement) stated in articles.
-- Grain: one row per directive and topic, per article. Key: (article_id, seq, topic).
-- Filled by: sql/load/62_fact_directive.sql (from stg_directives).
CREATE TABLE IF NOT EXISTS fact_directive (
    article_id               VARCHAR NOT NULL,
    seq                      INTEGER NOT NULL,
    issuer_name              VARCHAR,
    issuer_position          VARCHAR,
    issuer_institution_kind  VARCHAR,
    topic                    VARCHAR NOT NULL,
    text                     VARCHAR NOT NULL,
    evidence_start           INTEGER NOT NULL,
    evidence_end             INTEGER NOT NULL,
    evidence                 VARCHAR NOT NULL,
    extractor_version        VARCHAR NOT NULL
);
