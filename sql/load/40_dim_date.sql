-- Add the calendar days the batch uses (meeting days and publication days).
-- $weekday_names: the Indonesian weekday names, Monday first (pilkada.vocabularies, calendar.yaml).
INSERT INTO dim_date
WITH days AS (
    SELECT meeting_date AS d FROM stg_meeting_reports WHERE meeting_date IS NOT NULL
    UNION SELECT published_date FROM stg_articles WHERE published_date IS NOT NULL
)
SELECT CAST(strftime(d, '%Y%m%d') AS INTEGER), d, year(d), quarter(d), month(d), day(d),
       isodow(d),
       ($weekday_names)[isodow(d)]
FROM days
WHERE d NOT IN (SELECT date FROM dim_date);
