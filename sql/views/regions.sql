-- regions (public view): the official region list with its Pilkada 2020 / 2024 flags.
-- Grain: one row per province / regency / city. Key: region_code.
-- Rows from: dim_region (sql/load/10_dim_region.sql).
CREATE OR REPLACE VIEW regions AS
SELECT region_code, name, level, province_code, pilkada_2020, pilkada_2024, alt_names, source
FROM dim_region;
