-- meeting_evidence: what the given articles state about their meeting - regions, participants,
-- directives - each with its evidence span (character offsets into the article's normalized
-- text). Grain: one stated fact. Parameter: $article_ids (list).
WITH facts AS (
    SELECT article_id, 'region' AS kind, 1 AS kind_order, role AS label,
           coalesce(region_name, region_code) AS what, region_code AS detail,
           evidence, evidence_start, evidence_end
    FROM meeting_regions
    WHERE article_id IN (SELECT unnest($article_ids))
    UNION ALL
    SELECT article_id, 'participant', 2, role,
           concat_ws(' ', position, rank, person_name),
           concat_ws(', ', institution, institution_kind),
           evidence, evidence_start, evidence_end
    FROM participants
    WHERE article_id IN (SELECT unnest($article_ids))
    UNION ALL
    SELECT article_id, 'directive', 3, topic,
           concat_ws(' ', issuer_position, issuer_name), issuer_institution_kind,
           evidence, evidence_start, evidence_end
    FROM directives
    WHERE article_id IN (SELECT unnest($article_ids))
)

SELECT article_id, kind, label, what, detail, evidence, evidence_start, evidence_end
FROM facts
ORDER BY article_id, kind_order, evidence_start, label, what
