-- Replace the official region list whole (it is one consistent edition).
DELETE FROM dim_region;
INSERT INTO dim_region
SELECT region_code, name, level, province_code, alt_names, pilkada_2020, pilkada_2024, source,
       now()::TIMESTAMP AS loaded_at
FROM stg_regions;
