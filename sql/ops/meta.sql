-- _pilkada_meta: one row per key; marks a DuckDB file as a pilkada warehouse and its schema version.
CREATE TABLE IF NOT EXISTS _pilkada_meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
