-- dim_institution, filled: institutions the batch names. New ones are added; a known one keeps
-- the smallest region code any batch gave it, so the result does not depend on the order
-- articles arrive in. Grain: one row per canonical institution; key: institution_id.
-- Rows from: stg_participants (pilkada.load.staging.institution_id).
INSERT INTO dim_institution (institution_id, name, institution_kind, region_code)
SELECT institution_id,
       any_value(institution) AS name,
       any_value(institution_kind) AS institution_kind,
       min(region_code) AS region_code
FROM stg_participants
WHERE institution_id IS NOT NULL
GROUP BY institution_id
ON CONFLICT (institution_id) DO UPDATE
SET region_code = least(dim_institution.region_code, excluded.region_code);
