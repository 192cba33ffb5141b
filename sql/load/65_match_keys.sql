-- Match keys of the batch's meeting reports (batch_title_keys: article_id, title_key, computed
-- by pilkada.load.dedup.title_key in Python so that load and clustering agree on it).
INSERT INTO report_match_keys
WITH regions AS (
    SELECT article_id, list(DISTINCT region_code ORDER BY region_code) AS region_codes
    FROM stg_meeting_regions GROUP BY ALL
),
kinds AS (
    SELECT article_id, list(DISTINCT institution_kind ORDER BY institution_kind) AS kinds
    FROM stg_participants WHERE institution_kind IS NOT NULL GROUP BY ALL
),
topics AS (
    SELECT article_id, list(DISTINCT topic ORDER BY topic) AS topics
    FROM stg_directives WHERE topic IS NOT NULL GROUP BY ALL
)
SELECT r.article_id, r.meeting_date, coalesce(t.title_key, ''), r.mode, r.convening_level,
       r.convening_region_code,
       coalesce(g.region_codes, []), coalesce(k.kinds, []), coalesce(p.topics, [])
FROM stg_meeting_reports AS r
LEFT JOIN batch_title_keys AS t USING (article_id)
LEFT JOIN regions AS g USING (article_id)
LEFT JOIN kinds AS k USING (article_id)
LEFT JOIN topics AS p USING (article_id);
