-- bridge_meeting_article: which articles report which meeting, with the match score and reason.
-- Key: article_id (an article reports one meeting). best_score / best_reason keep the article's
-- best pair seen so far, so a later batch can cluster incrementally with the same result.
CREATE TABLE IF NOT EXISTS bridge_meeting_article (
    meeting_id    VARCHAR NOT NULL,
    article_id    VARCHAR PRIMARY KEY,
    match_score   DOUBLE NOT NULL,
    match_reason  VARCHAR NOT NULL,
    best_score    DOUBLE,
    best_reason   VARCHAR
);
