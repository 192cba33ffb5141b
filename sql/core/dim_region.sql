-- dim_region: the official region list.
-- Grain: one row per province / regency / city. Key: region_code (Kemendagri dotted code).
-- Filled by: sql/load/10_dim_region.sql (from stg_regions), whole at each official-list load.
CREATE TABLE IF NOT EXISTS dim_region (
    region_code    VARCHAR PRIMARY KEY,
    name           VARCHAR NOT NULL,
    level          VARCHAR NOT NULL,         -- province | regency | city
    province_code  VARCHAR NOT NULL,
    alt_names      VARCHAR,
    pilkada_2020   BOOLEAN,                  -- NULL: no election list was loaded for that year
    pilkada_2024   BOOLEAN,
    source         VARCHAR NOT NULL,
    loaded_at      TIMESTAMP NOT NULL
);
