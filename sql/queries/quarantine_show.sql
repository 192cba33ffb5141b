-- quarantine_show: everything recorded about quarantined articles whose id starts with $prefix.
SELECT *
FROM quarantined_articles
WHERE starts_with(article_id, $prefix)
ORDER BY article_id
