-- set_aside_per_day: articles set aside by the gate (by the day first set aside) and values it
-- warned about (by the day recorded), per reason. Grain: (day, kind, suite, expectation).
SELECT CAST(first_seen AS DATE) AS day, 'set aside' AS kind, suite, expectation,
       count(*) AS n
FROM quarantined_articles
GROUP BY ALL
UNION ALL
SELECT CAST(recorded_at AS DATE) AS day,
       CASE action WHEN 'set_null' THEN 'set to NULL' ELSE 'warning' END AS kind,
       suite, expectation, count(*) AS n
FROM dq_warnings
GROUP BY ALL
ORDER BY day DESC, kind, n DESC, suite, expectation
