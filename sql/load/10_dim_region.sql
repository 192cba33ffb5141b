-- dim_region, filled: the official region list replaces the table whole (it is one consistent
-- edition). Grain: one row per province / regency / city; key: region_code.
-- Rows from: stg_regions (the gated official list; pilkada.sources.official), in a transaction
-- of its own (pilkada.load.warehouse.load_regions).
DELETE FROM dim_region;
INSERT INTO dim_region (
    region_code, name, level, province_code, alt_names, pilkada_2020, pilkada_2024, source,
    loaded_at
)
SELECT region_code, name, level, province_code, alt_names, pilkada_2020, pilkada_2024, source,
       now()::TIMESTAMP AS loaded_at
FROM stg_regions;
