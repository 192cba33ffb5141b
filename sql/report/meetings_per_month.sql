-- meetings_per_month: meetings by the month they took place. Grain: month (NULL = undated).
SELECT
    date_trunc('month', meeting_date)::DATE AS month,
    count(*)                                AS meetings
FROM meetings
GROUP BY 1
ORDER BY 1 NULLS LAST
