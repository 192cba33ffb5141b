-- dim_institution: one row per canonical institution (KPU Kabupaten Pasuruan, Kodim 0819).
-- Key: institution_id = short hash of kind|name.
CREATE TABLE IF NOT EXISTS dim_institution (
    institution_id    VARCHAR PRIMARY KEY,
    name              VARCHAR NOT NULL,
    institution_kind  VARCHAR NOT NULL,
    region_code       VARCHAR
);
