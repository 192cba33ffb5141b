-- latest_meetings: the most recent meetings with their region names (any role) and what the
-- meeting pages show of them. Grain: meeting. Parameter: $limit.
WITH region_names AS (
    SELECT meeting_id, list(DISTINCT coalesce(region_name, region_code)
                            ORDER BY coalesce(region_name, region_code)) AS names
    FROM meeting_regions
    GROUP BY meeting_id
),

region_lists AS (
    -- all names (the meeting page) and the first six (the report's table stays narrow)
    SELECT meeting_id, array_to_string(names, ', ') AS regions,
           array_to_string(names[1:6], ', ') AS regions_short, len(names) AS n_regions
    FROM region_names
)

SELECT m.meeting_id, m.meeting_date, m.title, m.mode, m.election_year, r.regions, r.regions_short,
       r.n_regions, m.n_articles,
       m.meeting_type, m.venue, m.convening_level, m.convening_region_code,
       c.name AS convening_region
FROM meetings AS m
LEFT JOIN region_lists AS r USING (meeting_id)
LEFT JOIN regions AS c ON c.region_code = m.convening_region_code
ORDER BY m.meeting_date DESC NULLS LAST, m.meeting_id
LIMIT $limit
