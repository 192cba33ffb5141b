"""A build's batches in order, the next one extracting while one is gated and loaded.

Plain Python: the flow passes its Prefect tasks in as callables (`submit`, `fetch`, `gate`);
a test passes plain functions and a real DuckDB connection.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import duckdb
import pandas as pd

from pilkada.errors import NothingLoaded, QualityGateFailed
from pilkada.extract import EXTRACTOR_VERSION
from pilkada.gc_tuning import collect_garbage
from pilkada.load import warehouse as wh
from pilkada.run import pipeline as pl
from pilkada.run.workers import Item, Processed
from pilkada.sources.ingest import RawArticle, Rejection, SourceRef, chunks, fetch_pages
from pilkada.sources.location import is_url
from pilkada.sources.official import OfficialLists


class Result(Protocol):
    """What `submit` returns: a Prefect future, or anything with `.result()`."""

    def result(self) -> tuple[Processed, float]: ...


Submit = Callable[[list[Item], pd.DataFrame, str], Result]
Fetch = Callable[[list[SourceRef]], tuple[list[RawArticle], list[Rejection]]]
Gate = Callable[[dict, str, dict, str], Any]


class Done:
    """An extraction already finished (`submit` without a pool: a test, the bare pass)."""

    def __init__(self, value: tuple[Processed, float]) -> None:
        self.value = value

    def result(self) -> tuple[Processed, float]:
        return self.value


def official_order(official: Sequence[str], has_regions: bool) -> str:
    """When the official lists load: "none" (not given, regions already loaded), "first"
    (before the articles are planned) or "early" (a fresh warehouse: while the first batch
    extracts with the lists' regions; if the lists fail, nothing extracted with them loads)."""
    if not official and has_regions:
        return "none"
    return "first" if has_regions else "early"


def load_official_or_stop(
    con: duckdb.DuckDBPyConnection, lists: OfficialLists, *, run_id: str, warehouse: str,
    has_regions: bool,
) -> pl.BatchOutcome:
    """Gate and load the official lists; without regions to fall back on, a failure stops the
    run (`QualityGateFailed`)."""
    outcome = pl.load_official_lists(con, lists, run_id=run_id, warehouse=warehouse)
    if outcome.status != "loaded" and not has_regions:
        raise QualityGateFailed(outcome.message)
    return outcome


# The last full batch of an automatic plan is split: after extraction ends only the last
# batch's stage, gate and load remain, so it is small; the one before it is gated and loaded
# while the small one extracts. Split only when the small part stays this large (a gate call
# costs ~0.45 CPU-s whatever its size).
TAIL_SHARE = 0.3
TAIL_MIN = 1_000


def plan_batches(refs: list[SourceRef], size: int, *, taper: bool) -> deque[list[SourceRef]]:
    """The run's batches, in input order: slices of `size`; with `taper` (an automatic batch
    size) the last full slice becomes two, of about 70 % and 30 % (`TAIL_SHARE`)."""
    batches = deque(chunks(refs, size))
    if taper and len(batches) >= 2 and len(batches[-1]) * TAIL_SHARE >= TAIL_MIN:
        last = batches.pop()
        cut = len(last) - math.ceil(len(last) * TAIL_SHARE)
        batches.extend([last[:cut], last[cut:]])
    return batches


def splice_pages(
    refs: Sequence[SourceRef], pages: Sequence[RawArticle]
) -> list[Item]:
    """A batch's items in input order: each web ref replaced by its fetched page, those not
    fetched (rejected) left out, local files kept for the pool to read."""
    read = {a.location: a for a in pages}
    return [
        read[r.location] if is_url(r.location) else r
        for r in refs
        if not is_url(r.location) or r.location in read
    ]


@dataclass
class Pending:
    """A batch handed to extraction, waiting for its gate and load."""

    index: int
    batch_id: str
    refs: list[SourceRef]
    rejected: list[Rejection]
    started: object
    extraction: Result
    seconds: dict = field(default_factory=dict)


class BatchRunner:
    """Runs a build's batches: `start` reads a batch's web pages and submits it to extraction;
    `finish` stages, gates and commits (or quarantines) it; `run` keeps one batch extracting
    while the previous one is finished."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        *,
        run_id: str,
        warehouse: str,
        regions: pd.DataFrame,
        submit: Submit,
        fetch: Fetch = fetch_pages,
        gate: Gate | None = None,
    ) -> None:
        self.con, self.run_id, self.warehouse, self.regions = con, run_id, warehouse, regions
        self.submit, self.fetch = submit, fetch
        self.gate = gate or (lambda frames, batch_id, params, warehouse: pl.gate_batch(
            frames, batch_id=batch_id, params=params, warehouse=warehouse))  # fmt: skip
        self.next_index = 0
        self.params: dict | None = None
        self.loaded: set[str] | None = None
        self.unfinished: set[str] = set()  # listings with entries left unread by this run

    def ready(self) -> None:
        """Read what the gate compares against and the articles already loaded: after the
        official lists load (their region codes), before the first batch is finished."""
        self.params = pl.gate_params(self.con)
        self.loaded = wh.loaded_articles(self.con, EXTRACTOR_VERSION)  # kept up to date

    def start(self, refs: list[SourceRef]) -> Pending:
        """Read the batch's web pages (each URL retries its transient failures) and submit it;
        it extracts while the previous batch is gated and loaded."""
        started, clock = wh.now(), time.perf_counter()
        batch_id = pl.batch_id_for(self.run_id, self.next_index)
        web = [r for r in refs if is_url(r.location)]
        rejected: list[Rejection] = []
        items: list[Item] = list(refs)
        if web:
            pages, rejected = self.fetch(web)
            items = splice_pages(refs, pages)
        extraction = self.submit(items, self.regions, batch_id)
        seconds = {"read": time.perf_counter() - clock}
        pending = Pending(self.next_index, batch_id, refs, rejected, started, extraction, seconds)
        self.next_index += 1
        return pending

    def finish(self, item: Pending) -> pl.BatchOutcome:
        """Stage, gate and commit (or quarantine) one extracted batch."""
        if self.params is None or self.loaded is None:
            self.ready()
        clock = time.perf_counter()
        processed, item.seconds["extract"] = item.extraction.result()
        item.seconds["wait"] = time.perf_counter() - clock  # main process idle until extracted
        item.seconds.update({f"worker_{k}": v for k, v in processed.seconds.items()})
        clock = time.perf_counter()
        fresh, dupes, frames = pl.stage_processed(processed, self.loaded)
        item.seconds["stage"] = time.perf_counter() - clock
        clock = time.perf_counter()
        # no new article (all duplicates or rejected): nothing to gate or load, only to record
        result = self.gate(frames, item.batch_id, self.params, self.warehouse) if fresh else None
        item.seconds["gate"] = time.perf_counter() - clock
        clock = time.perf_counter()
        rejected = item.rejected + processed.rejected
        outcome = pl.commit_batch(
            self.con,
            run_id=self.run_id,
            batch_id=item.batch_id,
            refs=item.refs,
            articles=fresh,
            duplicates=dupes,
            rejected=rejected,
            frames=frames,
            result=result,
            warehouse=self.warehouse,
            started=item.started,
        )
        item.seconds["load"] = time.perf_counter() - clock
        clock = time.perf_counter()
        collect_garbage()  # the cycles this batch left (its frames among them)
        item.seconds["collect"] = time.perf_counter() - clock
        if outcome.status == "loaded":
            self.loaded.update(a.article_id for a in fresh)
            self.loaded.difference_update(result.set_aside_ids)  # a later copy may load
        outcome.seconds = {**item.seconds, **outcome.seconds}
        self.unfinished |= pl.unfinished_origins(item.refs, rejected, outcome.status)
        return outcome

    def run(
        self, todo: deque[list[SourceRef]], first: Pending | None = None
    ) -> Iterator[pl.BatchOutcome]:
        """Every batch's outcome in order; each batch is submitted before the previous one is
        finished, and its inputs let go once it is (300k paths are ~200 MB)."""
        pending: deque[Pending] = deque([first] if first else [])
        if not pending and todo:
            pending.append(self.start(todo.popleft()))
        while pending:
            if todo:  # the next batch extracts while this one loads
                pending.append(self.start(todo.popleft()))
            yield self.finish(pending.popleft())


def check_something_loaded(
    summary: dict, outcomes: Sequence[pl.BatchOutcome], plan: pl.Plan
) -> None:
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
    error = NothingLoaded(
        f"nothing loaded: all {n_rejected} inputs were missing or rejected"
        f" (first: {first[0]}; see rejected_inputs)"
    )
    error.summary = summary  # its counts, for the runs log
    raise error
