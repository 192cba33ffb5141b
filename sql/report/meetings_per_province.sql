-- meetings_per_province: meetings with a region (any role) in each province. Grain: province.
-- A meeting counts once per province however many of its regions and articles lie there.
WITH meeting_province AS (
    SELECT DISTINCT mr.meeting_id, coalesce(r.province_code, split_part(mr.region_code, '.', 1))
        AS province_code
    FROM meeting_regions AS mr
    LEFT JOIN regions AS r USING (region_code)
)

SELECT
    mp.province_code,
    coalesce(p.name, mp.province_code) AS province,
    count(*)                           AS meetings
FROM meeting_province AS mp
LEFT JOIN regions AS p ON p.region_code = mp.province_code
GROUP BY 1, 2
ORDER BY meetings DESC, province
