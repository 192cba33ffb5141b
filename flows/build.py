"""Build the warehouse: official lists, then articles batch by batch through the quality gate.

Thin orchestration over `pilkada.run.pipeline`; retries only on I/O. Tasks work on whole batches.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture

from pilkada.errors import NothingLoaded, QualityGateFailed
from pilkada.load import warehouse as wh
from pilkada.load.publish import open_writer
from pilkada.run import pipeline as pl
from pilkada.run.progress import BatchProgress
from pilkada.run.workers import end_pool_on_sigterm, map_ordered
from pilkada.settings import (
    DEFAULT_ARTICLES,
    DEFAULT_WAREHOUSE,
    batch_size_for,
    retry_delays,
)
from pilkada.sources.ingest import chunks
from pilkada.sources.location import is_url

IO_RETRIES = {"retries": 3, "retry_delay_seconds": retry_delays()}


@task(name="read-official", cache_policy=NO_CACHE, **IO_RETRIES)
def read_official(sources: Sequence[str]) -> pl.OfficialLists:
    return pl.read_official(sources)


@task(name="plan-inputs", cache_policy=NO_CACHE)
def plan_inputs(con, inputs: list[str]) -> pl.Plan:
    """Discover and expand the inputs (each web source retries its own transient failures)."""
    return pl.plan(con, inputs)


@task(name="read-batch", cache_policy=NO_CACHE)
def read_batch(refs: Sequence[pl.SourceRef]):
    """Fetch a batch's web pages, concurrently; each URL retries its own transient failures
    (timeouts, 5xx), so one failing page never makes the batch be fetched again. The pages are
    parsed by the extraction pool."""
    return pl.fetch_batch(refs)


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
    return pl.process_batch(items.items, regions, batch_id), time.perf_counter() - started


@task(name="gate-batch", cache_policy=NO_CACHE)
def gate_batch(frames, batch_id: str, params: dict, warehouse: str):
    return pl.gate_batch(frames, batch_id=batch_id, params=params, warehouse=warehouse)


@flow(name="build-warehouse", log_prints=True)
def build_warehouse(
    articles: list[str] | None = None,
    official: list[str] | None = None,
    warehouse: str = DEFAULT_WAREHOUSE,
    batch_size: int | None = None,
    lock_timeout: float = 0.0,
    show_progress: bool = False,
) -> dict:
    """Load official lists (when given or none loaded yet), then every new or changed article."""
    logger = get_run_logger()
    end_pool_on_sigterm()  # SIGTERM: the pool ends at once, not after the batch in extraction
    articles = list(articles if articles is not None else [DEFAULT_ARTICLES])
    official = list(official or [])
    run_id = pl.new_run_id()
    outcomes: list[pl.BatchOutcome] = []
    # the build writes its own work file; readers open the last published state (load.publish)
    refusals = wh.machine_refusals(warehouse)  # full disk, read-only: one line naming the path
    with refusals, open_writer(warehouse, lock_timeout=lock_timeout) as writer:
        con = writer.con
        has_regions = con.execute("SELECT count(*) FROM dim_region").fetchone()[0] > 0
        lists = read_official(official) if official or not has_regions else None
        # a fresh warehouse: extraction starts with the lists' regions while GX (imported
        # then) validates them; if they fail, nothing extracted with them is loaded
        early = lists is not None and not has_regions
        if lists is not None and not early:
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
        # each batch's inputs are let go once it is loaded (300k paths are ~200 MB)
        todo = deque(chunks(plan.refs, batch_size_for(n_refs, batch_size)))
        plan.refs.clear()
        n_batches = len(todo)
        regions = pl.region_frame_of(lists) if early else pl.region_frame(con)
        pending: deque[_Pending] = deque()
        if todo:
            pending.append(_start(0, todo.popleft(), regions, run_id))
        if early:
            outcomes.append(_load_official(con, lists, run_id, warehouse, has_regions))
        params = pl.gate_params(con)
        loaded = wh.loaded_articles(con, pl.EXTRACTOR_VERSION)  # kept up to date per batch
        unfinished: set[str] = set()  # listings with entries left unread by this run
        with BatchProgress(n_refs, enabled=show_progress) as progress:
            for index in range(1, n_batches + 1):
                if todo:  # the next batch extracts while this one loads
                    pending.append(_start(index, todo.popleft(), regions, run_id))
                outcomes.append(
                    _finish(con, pending.popleft(), run_id, params, warehouse, loaded,
                            unfinished)
                )  # fmt: skip
                if outcomes[-1].status == "loaded":
                    writer.batch_loaded()  # readers see every few batches, never half of one
                progress.advance(outcomes[-1].n_sources, outcomes[-1])
        pl.release_validators(con, plan.web, unfinished)  # listings read: may now be 304
        clock = time.perf_counter()
        wh.flush(con)  # the batches' WAL out of memory before settling needs memory
        flush_s = time.perf_counter() - clock
        clock = time.perf_counter()
        settled = wh.settle_meetings(con, map_chunks=map_ordered)  # pending reports: meetings
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
    _check_something_loaded(summary, outcomes, plan)
    return summary


def _check_something_loaded(summary: dict, outcomes: list[pl.BatchOutcome], plan) -> None:
    """Nothing new is a success (`summary["nothing_new"]`); inputs that were all missing or
    rejected, with nothing loaded, unchanged or a duplicate, raise `NothingLoaded`."""
    loaded = any(o.status == "loaded" and (o.n_articles or o.batch_id.endswith("-official"))
                 for o in outcomes)  # fmt: skip
    summary["nothing_new"] = not loaded
    known = plan.unchanged + sum(o.n_duplicates for o in outcomes)
    n_rejected = len(plan.rejected) + sum(o.n_rejected for o in outcomes)
    if loaded or known or not n_rejected:
        return
    first = [f"{r.source_uri}: {r.reason}" for r in plan.rejected[:1]]
    first += [o.first_rejected for o in outcomes if o.first_rejected][:1]
    raise NothingLoaded(
        f"nothing loaded: all {n_rejected} inputs were missing or rejected"
        f" (first: {first[0]}; see rejected_inputs)"
    )


def _load_official(con, lists, run_id: str, warehouse: str, has_regions: bool) -> pl.BatchOutcome:
    """Gate and load the official lists; without regions to fall back on, a failure stops."""
    outcome = pl.load_official_lists(con, lists, run_id=run_id, warehouse=warehouse)
    get_run_logger().info("official lists: %s %s", outcome.status, outcome.message)
    if outcome.status != "loaded" and not has_regions:
        raise QualityGateFailed(outcome.message)
    return outcome


@dataclass
class _Pending:
    """A batch handed to extraction, waiting for its gate and load."""

    index: int
    batch_id: str
    refs: list
    rejected: list
    started: object
    extraction: PrefectFuture
    seconds: dict = field(default_factory=dict)


def _start(index: int, refs: list, regions, run_id: str) -> _Pending:
    """Read the batch's web pages (each URL retries its transient failures) and submit it to
    the pool; it runs while the previous batch is gated and loaded."""
    started, clock = wh.now(), time.perf_counter()
    batch_id = pl.batch_id_for(run_id, index)
    web = [r for r in refs if is_url(r.location)]
    rejected: list = []
    items = list(refs)
    if web:
        pages, rejected = read_batch(web)
        read = {a.location: a for a in pages}
        items = [read[r.location] if is_url(r.location) else r for r in refs
                 if not is_url(r.location) or r.location in read]  # fmt: skip
    future = extract_batch.submit(Items(items), regions, batch_id)
    seconds = {"read": time.perf_counter() - clock}
    return _Pending(index, batch_id, refs, rejected, started, future, seconds)


def _finish(
    con,
    item: _Pending,
    run_id: str,
    params: dict,
    warehouse: str,
    loaded: set[str],
    unfinished: set[str],
) -> pl.BatchOutcome:
    """Stage, gate and commit (or quarantine) one extracted batch."""
    clock = time.perf_counter()
    processed, item.seconds["extract"] = item.extraction.result()
    item.seconds["wait"] = time.perf_counter() - clock  # main thread idle until the pool is done
    item.seconds.update({f"worker_{k}": v for k, v in processed.seconds.items()})
    clock = time.perf_counter()
    fresh, dupes, frames = pl.stage_processed(processed, loaded)
    item.seconds["stage"] = time.perf_counter() - clock
    clock = time.perf_counter()
    # no new article (all duplicates or rejected): nothing to gate or load, only to record
    result = gate_batch(frames, item.batch_id, params, warehouse) if fresh else None
    item.seconds["gate"] = time.perf_counter() - clock
    clock = time.perf_counter()
    outcome = pl.commit_batch(
        con,
        run_id=run_id,
        batch_id=item.batch_id,
        refs=item.refs,
        articles=fresh,
        duplicates=dupes,
        rejected=item.rejected + processed.rejected,
        frames=frames,
        result=result,
        warehouse=warehouse,
        started=item.started,
    )
    item.seconds["load"] = time.perf_counter() - clock
    if outcome.status == "loaded":
        loaded.update(a.article_id for a in fresh)
        loaded.difference_update(result.set_aside_ids)  # not loaded: a later copy may load
    outcome.seconds = {**item.seconds, **outcome.seconds}
    unfinished |= pl.unfinished_origins(
        item.refs, item.rejected + processed.rejected, outcome.status
    )
    return outcome
