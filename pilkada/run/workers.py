"""Reading, extraction and staging on every core: a process pool whose workers each build the
gazetteer once.

A batch's local files are read, normalized, extracted and turned into staged rows inside the
workers, so the main process only gates and loads. Small batches run inline. `PILKADA_WORKERS`
sets the pool size (default: the number of cores; 1 turns the pool off, as under the Dask task
runner where Dask spreads the batches instead).
"""

from __future__ import annotations

import atexit
import contextlib
import io
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace
from typing import TypeVar

import pandas as pd

from pilkada import settings
from pilkada.extract import EXTRACTOR_VERSION, ArticleExtraction, Extractor
from pilkada.gc_tuning import tune_gc
from pilkada.load.staging import Rows, StagedRows, article_rows, stage_rows
from pilkada.sources.ingest import RawArticle, Rejection, SourceRef, read_one
from pilkada.sources.textnorm import short_hash

T = TypeVar("T")
R = TypeVar("R")
MIN_POOLED = 400  # below this many articles, starting workers costs more than it saves

_pool: ProcessPoolExecutor | None = None
_pool_key: str | None = None
_local: dict[str, Extractor] = {}
_worker_extractor: Extractor | None = None

Job = tuple[str, str | None, object]  # text, title, published date
Item = SourceRef | RawArticle  # a file still to read, or an article already read (web pages)
Seconds = dict[str, float]  # worker seconds spent reading, extracting and staging
Done = tuple[list[RawArticle | Rejection], StagedRows | None, Seconds]  # one part of a batch


@dataclass
class Processed:
    """A batch read, extracted and staged, in input order."""

    articles: list[RawArticle]  # when staged, without their text (it is in the staged tables)
    rejected: list[Rejection]
    staged: list[StagedRows]  # the articles' rows, part by part (empty when not asked for)
    seconds: Seconds  # summed over workers: read, extract, rows
    n_meeting_reports: int = 0


def n_workers() -> int:
    """Pool size: $PILKADA_WORKERS, else the number of cores."""
    return settings.workers()


def _regions_key(regions: pd.DataFrame) -> tuple[str, str]:
    payload = regions.to_csv(index=False)
    return short_hash(payload, length=16), payload


def extractor_for(regions: pd.DataFrame) -> Extractor:
    """One extractor per region list in this process (building the gazetteer is not free)."""
    key, _ = _regions_key(regions)
    if key not in _local:
        _local.clear()
        _local[key] = Extractor.from_regions(regions)
    return _local[key]


def _init_worker(regions_csv: str) -> None:
    global _worker_extractor
    regions = pd.read_csv(io.StringIO(regions_csv), dtype=str, keep_default_na=False)
    _worker_extractor = Extractor.from_regions(regions)
    tune_gc()  # a worker extracts until the pool ends


def _run_chunk(jobs: list[Job]) -> list[ArticleExtraction]:
    assert _worker_extractor is not None
    return [_worker_extractor.extract(t, title=ti, published=p) for t, ti, p in jobs]


def _process(ex: Extractor, items: list[Item], batch_id: str, stage: bool) -> Done:
    """Read (when not read yet), extract and stage each item; seconds spent on each step."""
    out: list[RawArticle | Rejection] = []
    rows: list[Rows] = []
    spent = {"read": 0.0, "extract": 0.0, "rows": 0.0, "meeting_reports": 0}
    clock = time.perf_counter
    for item in items:
        t0 = clock()
        art = read_one(item) if isinstance(item, SourceRef) else item
        t1 = clock()
        spent["read"] += t1 - t0
        if isinstance(art, Rejection):
            out.append(art)
            continue
        extraction = ex.extract(art.text, title=art.title, published=art.published_date)
        t2 = clock()
        spent["meeting_reports"] += extraction.is_meeting
        if stage:
            rows.append(article_rows(batch_id, art, extraction, EXTRACTOR_VERSION))
            art = replace(art, text="")  # sent back once, in the staged articles table
        spent["extract"] += t2 - t1
        spent["rows"] += clock() - t2
        out.append(art)
    t3 = clock()
    staged = stage_rows(rows) if stage else None
    spent["rows"] += clock() - t3
    return out, staged, spent


def _process_chunk(args: tuple[list[Item], str, bool]) -> Done:
    assert _worker_extractor is not None
    return _process(_worker_extractor, *args)


def _get_pool(regions: pd.DataFrame, workers: int) -> ProcessPoolExecutor:
    global _pool, _pool_key
    key, payload = _regions_key(regions)
    if _pool is None or _pool_key != key:
        shutdown()
        _pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(payload,),
        )
        _pool_key = key
    return _pool


def shutdown() -> None:
    """Stop the pool (at exit, or when the region list changes)."""
    global _pool, _pool_key
    if _pool is not None:
        _pool.shutdown(cancel_futures=True)
    _pool, _pool_key = None, None


atexit.register(shutdown)


def end_pool_on_sigterm() -> None:
    """Chain a SIGTERM handler (main thread only) that ends the pool's workers at once, then
    hands the signal on (Prefect's handler raises in the flow): a terminated run does not wait
    for the batch being extracted. Installed by the flow, after Prefect's own handler."""
    if threading.current_thread() is not threading.main_thread():
        return
    previous = signal.getsignal(signal.SIGTERM)

    def handler(signum: int, frame: object) -> None:
        processes = getattr(_pool, "_processes", None) or {}  # pid -> Process
        for process in list(processes.values()):
            with contextlib.suppress(OSError):
                process.terminate()
        if callable(previous):
            previous(signum, frame)
        else:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)

    signal.signal(signal.SIGTERM, handler)


CHUNK = 500  # articles per pool task at most: a worker's results are held until sent back


def _split(items: Sequence, workers: int) -> list[list]:
    size = min(CHUNK, -(-len(items) // (workers * 4)))
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def process_all(
    items: Sequence[Item], regions: pd.DataFrame, batch_id: str, *, stage: bool = True
) -> Processed:
    """Read, extract and (when `stage`) stage a batch, on all cores when it is large enough."""
    workers = n_workers()
    if workers <= 1 or len(items) < MIN_POOLED:
        parts = [_process(extractor_for(regions), list(items), batch_id, stage)]
    else:
        pool = _get_pool(regions, workers)
        chunks = [(part, batch_id, stage) for part in _split(items, workers)]
        parts = list(pool.map(_process_chunk, chunks))
    result = Processed([], [], [], {})
    for done, staged, spent in parts:
        result.n_meeting_reports += int(spent.pop("meeting_reports"))
        for step, seconds in spent.items():
            result.seconds[step] = result.seconds.get(step, 0.0) + seconds
        for art in done:
            (result.rejected if isinstance(art, Rejection) else result.articles).append(art)
        if staged is not None:
            result.staged.append(staged)
    return result


def map_ordered(
    fn: Callable[[T], R], inputs: Iterable[T], window: int = 0, ordered: bool = True
) -> Iterator[R]:
    """fn over inputs, results in input order: on the pool while it runs (at most `window`
    inputs handed out ahead, default two per worker; the next input is drawn only when a result
    is taken), else here. For independent work after extraction, such as settling meetings.
    Not `ordered`: each result as soon as it is done (a long first input does not hold back
    the results of the short ones behind it)."""
    if _pool is None:
        yield from map(fn, inputs)
        return
    window = window or 2 * n_workers()
    pending: deque = deque()

    def taken() -> R:
        if ordered:
            return pending.popleft().result()
        done = next(as_completed(pending))
        pending.remove(done)
        return done.result()

    for item in inputs:
        pending.append(_pool.submit(fn, item))
        if len(pending) >= window:
            yield taken()
    while pending:
        yield taken()


def extract_all(jobs: Sequence[Job], regions: pd.DataFrame) -> list[ArticleExtraction]:
    """Extractions in job order, on all cores when the batch is large enough."""
    workers = n_workers()
    if workers <= 1 or len(jobs) < MIN_POOLED:
        ex = extractor_for(regions)
        return [ex.extract(t, title=ti, published=p) for t, ti, p in jobs]
    pool = _get_pool(regions, workers)
    out: list[ArticleExtraction] = []
    for part in pool.map(_run_chunk, _split(jobs, workers)):
        out.extend(part)
    return out
