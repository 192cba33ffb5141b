-- dim_date, filled: the calendar days the batch uses (meeting days and publication days) that
-- are not there yet. Grain: one row per calendar day; key: date_key (yyyymmdd).
-- Rows from: stg_meeting_reports.meeting_date and stg_articles.published_date.
-- $weekday_names: the Indonesian weekday names, Monday first (pilkada.vocabularies,
-- lexicons/calendar.yaml).
INSERT INTO dim_date (date_key, date, year, quarter, month, day, iso_weekday, hari)
WITH days AS (
    SELECT meeting_date AS d FROM stg_meeting_reports WHERE meeting_date IS NOT NULL
    UNION SELECT published_date FROM stg_articles WHERE published_date IS NOT NULL
)
SELECT CAST(strftime(d, '%Y%m%d') AS INTEGER) AS date_key,
       d AS date,
       year(d) AS year,
       quarter(d) AS quarter,
       month(d) AS month,
       day(d) AS day,
       isodow(d) AS iso_weekday,
       ($weekday_names)[isodow(d)] AS hari
FROM days
WHERE d NOT IN (SELECT date FROM dim_date);
