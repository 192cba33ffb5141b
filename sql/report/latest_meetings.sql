-- latest_meetings: the most recent meetings with their region names (any role) and what the
-- meeting pages show of them. Grain: meeting. Parameter: $limit.
WITH region_names AS (
    SELECT meeting_id, string_agg(DISTINCT coalesce(region_name, region_code), ', '
                                  ORDER BY coalesce(region_name, region_code)) AS regions
    FROM meeting_regions
    GROUP BY meeting_id
)

SELECT m.meeting_id, m.meeting_date, m.title, m.mode, m.election_year, r.regions, m.n_articles,
       m.meeting_type, m.venue, m.convening_level, m.convening_region_code,
       c.name AS convening_region
FROM meetings AS m
LEFT JOIN region_names AS r USING (meeting_id)
LEFT JOIN regions AS c ON c.region_code = m.convening_region_code
ORDER BY m.meeting_date DESC NULLS LAST, m.meeting_id
LIMIT $limit
