-- participant_kinds: per institution kind, the meetings it took part in and the participant
-- rows (one per participant per article). Grain: institution_kind.
SELECT
    institution_kind,
    count(DISTINCT meeting_id) AS meetings,
    count(*)                   AS participants
FROM participants
GROUP BY institution_kind
ORDER BY meetings DESC, participants DESC, institution_kind
