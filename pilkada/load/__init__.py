"""Into the warehouse: staging rows, the DuckDB schema and loads, meeting dedup, publishing."""
