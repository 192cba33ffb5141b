-- fact_participant, filled: the participants the batch's articles name (earlier readings were
-- removed by 25_replace_touched). Grain: one row per participant per article; key:
-- (article_id, seq). Rows from: stg_participants
-- (pilkada.extract.participants.select_participants), with the article's extractor_version.
INSERT INTO fact_participant (
    article_id, seq, person_name, position, rank, institution_id, institution, institution_kind,
    region_code, role, evidence_start, evidence_end, evidence, extractor_version
)
SELECT p.article_id, p.seq, p.person_name, p.position, p.rank, p.institution_id, p.institution,
       p.institution_kind, p.region_code, p.role, p.evidence_start, p.evidence_end, p.evidence,
       a.extractor_version
FROM stg_participants AS p
JOIN stg_articles AS a USING (article_id);
