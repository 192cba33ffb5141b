-- bridge_meeting_article: which articles report which meeting, with the match score and reason.
-- Key: article_id (an article reports one meeting).
CREATE TABLE IF NOT EXISTS bridge_meeting_article (
    meeting_id    VARCHAR NOT NULL,
    article_id    VARCHAR PRIMARY KEY,
    match_score   DOUBLE NOT NULL,
    match_reason  VARCHAR NOT NULL
);
