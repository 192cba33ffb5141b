"""The quality report: GX Data Docs, then the HTML summary of the warehouse beside them.

Thin orchestration over `pilkada.quality.build_data_docs` and `pilkada.report.pages.build_report`.
"""

from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from pilkada.quality import build_data_docs
from pilkada.report.pages import Steps, build_report, check_warehouse
from pilkada.run import pipeline as pl
from pilkada.settings import DEFAULT_WAREHOUSE
from pilkada.sqlguard import connect_readonly

DEFAULT_REPORTS = "data/reports"


@task(name="build-data-docs", cache_policy=NO_CACHE)
def data_docs(warehouse: str, site_dir: Path) -> Path:
    """The GX Data Docs site of the warehouse's validation results; returns its index.html."""
    return build_data_docs(pl.gx_root(warehouse), site_dir)


@task(name="build-report", cache_policy=NO_CACHE)
def summary_report(warehouse: str, out_dir: Path, docs_index: Path, steps: Steps) -> Path:
    """The HTML summary (index.html) linking the Data Docs, and the meeting pages."""
    return build_report(Path(warehouse), out_dir, data_docs_index=docs_index, steps=steps)


@flow(name="quality-report", log_prints=True)
def quality_report(
    warehouse: str = DEFAULT_WAREHOUSE,
    out_dir: str = DEFAULT_REPORTS,
    show_progress: bool = False,
    wait: float = 0.0,
) -> str:
    """Write `out_dir/data_docs/` (GX Data Docs) and `out_dir/index.html`; return the latter.

    Reads the last published state of the warehouse: a build running meanwhile does not block
    it. A lock held by a process that opened the file for writing is waited out `wait` seconds.
    `show_progress`: a line on stderr as each step starts, and the seconds of each at the end.
    """
    steps = Steps(enabled=show_progress)
    connect_readonly(warehouse, wait=wait).close()
    check_warehouse(Path(warehouse))  # a clear error before GX spends seconds starting up
    reports = Path(out_dir)
    with steps.step("building the GX Data Docs (suites and validation results)", "Data Docs"):
        docs_index = data_docs(warehouse, reports / "data_docs")
    index = summary_report(warehouse, reports, docs_index, steps)
    steps.done(str(index))
    get_run_logger().info("report: %s (Data Docs: %s)", index, docs_index)
    return str(index)
