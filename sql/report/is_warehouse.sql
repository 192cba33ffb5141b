-- is_warehouse: 1 when the database is a pilkada warehouse (its meta table exists), else 0.
SELECT count(*) FROM information_schema.tables
WHERE table_schema = 'main' AND table_name = '_pilkada_meta'
