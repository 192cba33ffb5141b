-- Facts of the batch's articles (earlier readings were removed by 25_replace).
INSERT INTO fact_meeting_report
SELECT r.*, a.extractor_version
FROM stg_meeting_reports AS r JOIN stg_articles AS a USING (article_id);

INSERT INTO fact_participant
SELECT p.article_id, p.seq, p.person_name, p.position, p.rank, p.institution_id, p.institution,
       p.institution_kind, p.region_code, p.role, p.evidence_start, p.evidence_end, p.evidence,
       a.extractor_version
FROM stg_participants AS p JOIN stg_articles AS a USING (article_id);

INSERT INTO fact_directive
SELECT d.article_id, d.seq, d.issuer_name, d.issuer_position, d.issuer_institution_kind, d.topic,
       d.text, d.evidence_start, d.evidence_end, d.evidence, a.extractor_version
FROM stg_directives AS d JOIN stg_articles AS a USING (article_id);

INSERT INTO bridge_meeting_region
SELECT m.article_id, m.region_code, m.role, m.evidence_start, m.evidence_end, m.evidence,
       a.extractor_version
FROM stg_meeting_regions AS m JOIN stg_articles AS a USING (article_id);
