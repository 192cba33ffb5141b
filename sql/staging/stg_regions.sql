-- stg_regions: the official region list with election flags, typed.
-- Grain: one row per province / regency / city; key: region_code.
-- Rows from: the registered frame batch_regions (pilkada.sources.official.load_official).
CREATE OR REPLACE TEMP VIEW stg_regions AS
WITH source AS (SELECT * FROM batch_regions)
SELECT CAST(region_code AS VARCHAR)    AS region_code,
       CAST(name AS VARCHAR)           AS name,
       CAST(level AS VARCHAR)          AS level,
       CAST(province_code AS VARCHAR)  AS province_code,
       CAST(alt_names AS VARCHAR)      AS alt_names,
       CAST(pilkada_2020 AS BOOLEAN)   AS pilkada_2020,
       CAST(pilkada_2024 AS BOOLEAN)   AS pilkada_2024,
       CAST(source AS VARCHAR)         AS source
FROM source;
