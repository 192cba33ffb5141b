-- regions: the official region list with its Pilkada 2020 / 2024 flags.
CREATE OR REPLACE VIEW regions AS
SELECT region_code, name, level, province_code, pilkada_2020, pilkada_2024, alt_names, source
FROM dim_region;
