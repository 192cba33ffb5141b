-- participants (public view): who took part in a meeting, as reported by one article.
-- Grain: one row per participant per article. Key: (article_id, seq) of fact_participant;
-- meeting_id through the article's cluster.
-- Rows from: fact_participant (sql/load/61_fact_participant.sql) joined to
-- bridge_meeting_article (sql/settle/25_bridge_meeting_article.sql).
CREATE OR REPLACE VIEW participants AS
SELECT b.meeting_id, p.article_id, p.person_name, p.position, p.rank, p.institution,
       p.institution_kind, p.region_code, p.role, p.institution_id,
       p.evidence, p.evidence_start, p.evidence_end, p.extractor_version
FROM fact_participant AS p
JOIN bridge_meeting_article AS b USING (article_id);
