-- The state about to be published: its row in published_states. Parameters: seq, time, kind.
INSERT OR REPLACE INTO published_states
SELECT $1, $2, $3, (SELECT count(*) FROM dim_article), (SELECT count(*) FROM fact_meeting)
