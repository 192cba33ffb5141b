"""Garbage collection tuned for batch work: fewer, later collections.

Extraction makes and drops hundreds of thousands of small objects a second (tokens, matches,
sentences), nearly all freed by reference counting. CPython's default thresholds (a young
collection every 700 net allocations) then spend 12-17 % of extraction's CPU walking objects
that are about to be freed anyway (3,000 realistic articles, compiled extractor, results kept as
a worker keeps its chunk's: 4.2-4.7 MB/s at the defaults, 5.1 with these; whole 20k builds,
alternated: 41.5-44.7 CPU-s at the defaults, 41.6-42.2 tuned). Cycles are still collected, only
less often.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG = 50_000  # net allocations between young collections (CPython: 700)
MIDDLE = 20  # young collections per middle one (10)
OLD = 100  # middle collections per full one (10)


def collect_garbage() -> None:
    """A full collection, for the end of each batch of a tuned build. With the tuned thresholds
    a full collection comes every 100M net allocations, never within a build, so the reference
    cycles that hold a batch's frames piled up (pydantic's caught validation errors inside GX
    keep the frames of `Checkpoint.run`, and with them the batch's dataframes): the main process
    of a realistic 100k build grew by ~120 MB a batch, 1.0 -> 2.0 GB, and a 300k one reached
    3.6 GB. Not frozen after: GX holds the last batch's objects until the next batch replaces
    them, and a frozen cycle is never collected."""
    gc.collect()


def tune_gc() -> None:
    """Collect less often, and leave what exists now (modules, lexicons, the gazetteer) out of
    every later collection: for a process that does batch work to its end (a pool worker)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG, MIDDLE, OLD)


@contextmanager
def tuned_gc() -> Iterator[None]:
    """`tune_gc` for the duration of a block (a build in a process that goes on afterwards)."""
    before = gc.get_threshold()
    tune_gc()
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()
