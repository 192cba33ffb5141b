"""Extraction on every core: a process pool whose workers each build the gazetteer once.

Used for large batches (small ones run inline). `PILKADA_WORKERS` sets the pool size (default:
the number of cores; 1 turns the pool off, as under the Dask task runner where Dask spreads the
batches instead).
"""

from __future__ import annotations

import atexit
import io
import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

import pandas as pd

from pilkada.extract import ArticleExtraction, Extractor
from pilkada.textnorm import short_hash

MIN_POOLED = 400  # below this many articles, starting workers costs more than it saves

_pool: ProcessPoolExecutor | None = None
_pool_key: str | None = None
_local: dict[str, Extractor] = {}
_worker_extractor: Extractor | None = None

Job = tuple[str, str | None, object]  # text, title, published date


def n_workers() -> int:
    """Pool size: $PILKADA_WORKERS, else the number of cores."""
    return max(1, int(os.environ.get("PILKADA_WORKERS") or os.cpu_count() or 1))


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


def _run_chunk(jobs: list[Job]) -> list[ArticleExtraction]:
    assert _worker_extractor is not None
    return [_worker_extractor.extract(t, title=ti, published=p) for t, ti, p in jobs]


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


def extract_all(jobs: Sequence[Job], regions: pd.DataFrame) -> list[ArticleExtraction]:
    """Extractions in job order, on all cores when the batch is large enough."""
    workers = n_workers()
    if workers <= 1 or len(jobs) < MIN_POOLED:
        ex = extractor_for(regions)
        return [ex.extract(t, title=ti, published=p) for t, ti, p in jobs]
    pool = _get_pool(regions, workers)
    size = -(-len(jobs) // (workers * 4))
    chunks = [list(jobs[i : i + size]) for i in range(0, len(jobs), size)]
    out: list[ArticleExtraction] = []
    for part in pool.map(_run_chunk, chunks):
        out.extend(part)
    return out
