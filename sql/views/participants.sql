-- participants: one row per participant of a meeting, as reported by one article.
CREATE OR REPLACE VIEW participants AS
SELECT b.meeting_id, p.article_id, p.person_name, p.position, p.rank, p.institution,
       p.institution_kind, p.region_code, p.role, p.institution_id,
       p.evidence, p.evidence_start, p.evidence_end, p.extractor_version
FROM fact_participant AS p
JOIN bridge_meeting_article AS b USING (article_id);
