-- fact_directive, filled: the directives the batch's articles state (earlier readings were
-- removed by 25_replace_touched). Grain: one row per directive and topic per article; key:
-- (article_id, seq, topic). Rows from: stg_directives
-- (pilkada.extract.directives.find_directives), with the article's extractor_version.
INSERT INTO fact_directive (
    article_id, seq, issuer_name, issuer_position, issuer_institution_kind, topic, text,
    evidence_start, evidence_end, evidence, extractor_version
)
SELECT d.article_id, d.seq, d.issuer_name, d.issuer_position, d.issuer_institution_kind, d.topic,
       d.text, d.evidence_start, d.evidence_end, d.evidence, a.extractor_version
FROM stg_directives AS d
JOIN stg_articles AS a USING (article_id);
