-- published_states, filled: the state about to be published. Grain: one row per published
-- state; key: seq. Rows from: the parameters seq, time, kind (pilkada.load.publish) and the row
-- counts of dim_article and fact_meeting.
INSERT OR REPLACE INTO published_states (seq, published_at, kind, n_articles, n_meetings)
SELECT $1 AS seq, $2 AS published_at, $3 AS kind,
       (SELECT count(*) FROM dim_article) AS n_articles,
       (SELECT count(*) FROM fact_meeting) AS n_meetings
