-- counts: one row of headline counts for the report (public views and ops tables).
SELECT
    (SELECT count(*) FROM articles)                                    AS articles,
    (SELECT count(*) FROM articles WHERE is_meeting_report)            AS meeting_reports,
    (SELECT count(*) FROM meetings)                                    AS meetings,
    (SELECT count(*) FROM participants)                                AS participants,
    (SELECT count(*) FROM directives)                                  AS directives,
    (SELECT count(*) FROM regions)                                     AS regions,
    (SELECT count(DISTINCT region_code) FROM meeting_regions)          AS meeting_regions,
    (SELECT count(*) FROM rejected_inputs)                             AS rejected_inputs,
    (SELECT count(*) FROM quarantined_batches)                         AS quarantined_batches,
    (SELECT max(loaded_at) FROM articles)                              AS last_loaded_at
