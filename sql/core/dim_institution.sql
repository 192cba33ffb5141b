-- dim_institution: canonical institutions (KPU Kabupaten Pasuruan, Kodim 0819).
-- Grain: one row per canonical institution. Key: institution_id = short hash of kind|name.
-- Filled by: sql/load/50_dim_institution.sql (from stg_participants).
CREATE TABLE IF NOT EXISTS dim_institution (
    institution_id    VARCHAR PRIMARY KEY,
    name              VARCHAR NOT NULL,
    institution_kind  VARCHAR NOT NULL,
    region_code       VARCHAR
);
