-- fact_directive: one row per directive (instruction, call, statement) and topic, per article.
-- Key: (article_id, seq, topic).
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
