-- Add institutions the batch names for the first time.
INSERT INTO dim_institution
SELECT institution_id, any_value(institution), any_value(institution_kind), any_value(region_code)
FROM stg_participants
WHERE institution_id IS NOT NULL
  AND institution_id NOT IN (SELECT institution_id FROM dim_institution)
GROUP BY institution_id;
