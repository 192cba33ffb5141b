-- meeting_regions (public view): a region's role in a meeting (venue | convening |
-- attending), per article. Grain: one row per region and role per article.
-- Key: (article_id, region_code, role).
-- Rows from: bridge_meeting_region (sql/load/63_bridge_meeting_region.sql) joined to
-- bridge_meeting_article (sql/settle/25_bridge_meeting_article.sql); region_name from
-- dim_region (sql/load/10_dim_region.sql).
CREATE OR REPLACE VIEW meeting_regions AS
SELECT b.meeting_id, r.article_id, r.region_code, r.role, d.name AS region_name,
       r.evidence, r.evidence_start, r.evidence_end, r.extractor_version
FROM bridge_meeting_region AS r
JOIN bridge_meeting_article AS b USING (article_id)
LEFT JOIN dim_region AS d USING (region_code);
