-- bridge_meeting_region, filled: the regions the batch's meeting reports name, with their role
-- (earlier readings were removed by 25_replace_touched). Grain: one row per region and role
-- per article; key: (article_id, region_code, role). Rows from: stg_meeting_regions
-- (pilkada.extract.regions.meeting_regions), with the article's extractor_version.
INSERT INTO bridge_meeting_region (
    article_id, region_code, role, evidence_start, evidence_end, evidence, extractor_version
)
SELECT m.article_id, m.region_code, m.role, m.evidence_start, m.evidence_end, m.evidence,
       a.extractor_version
FROM stg_meeting_regions AS m
JOIN stg_articles AS a USING (article_id);
