"""Scale-out: extraction on a 2-worker Dask LocalCluster gives the same warehouse as the default
runner, while the DuckDB writes stay with the flow's single writer."""

from __future__ import annotations

import pytest
from prefect_dask import DaskTaskRunner
from snapshots import snapshot

from flows.build import build_warehouse

pytestmark = pytest.mark.slow


def test_dask_runner_builds_the_same_warehouse(sample_dir, warehouse, tmp_path, monkeypatch):
    build_warehouse(articles=[str(sample_dir)], warehouse=str(warehouse), batch_size=4)

    monkeypatch.setenv("PILKADA_WORKERS", "1")  # Dask spreads the batches; no pool per worker
    other = tmp_path / "dask" / "data" / "warehouse" / "dask.duckdb"
    other.parent.mkdir(parents=True)
    runner = DaskTaskRunner(
        cluster_kwargs={"n_workers": 2, "threads_per_worker": 1, "processes": True,
                        "dashboard_address": None},
    )  # fmt: skip
    summary = build_warehouse.with_options(task_runner=runner)(
        articles=[str(sample_dir)], warehouse=str(other), batch_size=4
    )
    assert len(summary["batches"]) >= 3
    assert snapshot(other) == snapshot(warehouse)
