-- dq_failed_expectations: failed expectations of the latest run of each suite set, with
-- examples of the unexpected values. Grain: (run_id, suite, expectation_type, column).
WITH latest AS (
    SELECT run_id
    FROM dq_runs
    QUALIFY row_number() OVER (PARTITION BY suite_names ORDER BY started_at DESC, run_id DESC) = 1
)

SELECT r.batch_id, r.suite, r.expectation_type, r."column", r.unexpected_count,
       r.element_count, r.examples
FROM dq_results AS r
JOIN latest USING (run_id)
WHERE NOT r.success
ORDER BY r.suite, r.expectation_type, r."column"
