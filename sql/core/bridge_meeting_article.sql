-- bridge_meeting_article: which articles report which meeting, with the match score and reason.
-- Grain: one row per meeting report. Key: article_id (an article reports one meeting).
-- best_score / best_reason keep the article's best pair seen so far, so a later batch can
-- cluster incrementally with the same result.
-- Filled by: sql/settle/25_bridge_meeting_article.sql (pilkada.load.dedup.cluster_records).
-- Keys are kept by the load (a batch's articles replace earlier rows of the same id; the gate
-- checks staged keys are unique), not by a DuckDB index: an ART index is rewritten whole at
-- every checkpoint, which made each batch's commit slower than the last (issue 6).
CREATE TABLE IF NOT EXISTS bridge_meeting_article (
    meeting_id    VARCHAR NOT NULL,
    article_id    VARCHAR NOT NULL,
    match_score   DOUBLE NOT NULL,
    match_reason  VARCHAR NOT NULL,
    best_score    DOUBLE,
    best_reason   VARCHAR
);
