-- dim_date: the calendar.
-- Grain: one row per calendar day any fact or article uses. Key: date_key (yyyymmdd).
-- Filled by: sql/load/40_dim_date.sql (from stg_meeting_reports and stg_articles).
CREATE TABLE IF NOT EXISTS dim_date (
    date_key     INTEGER PRIMARY KEY,
    date         DATE NOT NULL UNIQUE,
    year         INTEGER NOT NULL,
    quarter      INTEGER NOT NULL,
    month        INTEGER NOT NULL,
    day          INTEGER NOT NULL,
    iso_weekday  INTEGER NOT NULL,
    hari         VARCHAR NOT NULL            -- Indonesian weekday name (Senin ... Minggu)
);
