-- Institutions the batch names: new ones are added; a known one keeps the smallest region code
-- any batch gave it, so the result does not depend on the order articles arrive in.
INSERT INTO dim_institution
SELECT institution_id, any_value(institution), any_value(institution_kind), min(region_code)
FROM stg_participants
WHERE institution_id IS NOT NULL
GROUP BY institution_id
ON CONFLICT (institution_id) DO UPDATE
SET region_code = least(dim_institution.region_code, excluded.region_code);
