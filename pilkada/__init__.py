"""pilkada-warehouse: Pilkada coordination-meeting reports into a quality-gated DuckDB warehouse."""

__version__ = "0.1.0"
