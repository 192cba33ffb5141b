-- directives (public view): what was instructed at a meeting.
-- Grain: one row per directive and topic stated at a meeting, per article.
-- Key: (article_id, seq, topic) of fact_directive; meeting_id through the article's cluster.
-- Rows from: fact_directive (sql/load/62_fact_directive.sql) joined to bridge_meeting_article
-- (sql/settle/25_bridge_meeting_article.sql).
CREATE OR REPLACE VIEW directives AS
SELECT b.meeting_id, d.article_id, d.issuer_name, d.issuer_position, d.issuer_institution_kind,
       d.topic, d.text, d.evidence, d.evidence_start, d.evidence_end, d.extractor_version
FROM fact_directive AS d
JOIN bridge_meeting_article AS b USING (article_id);
