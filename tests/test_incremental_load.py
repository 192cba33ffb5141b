"""The incremental load gives the warehouse a one-batch load gives, however the batches fall and
however often meetings are settled (once per run, or after every batch as if each were a run).

Loads go straight through `pilkada.load.warehouse.load_batch` and `settle_meetings` (no flow, no
gate): this is about the load's own SQL and the incremental clustering, on a synthetic corpus
where about a third of the meetings are reported by several articles in different batches.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import random
from pathlib import Path

import pandas as pd
import pytest
from snapshots import duplicate_keys, orphans, snapshot

from benchmarks.synth import generate
from pilkada.load import warehouse as wh
from pilkada.run import pipeline as pl
from pilkada.run import workers
from pilkada.sources.ingest import chunks, discover_inputs, read_sources
from pilkada.sources.official import load_official


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[pd.DataFrame, list, list]:
    """Regions, articles and their extractions for 300 synthetic articles."""
    folder = tmp_path_factory.mktemp("synth")
    generate(300, folder, seed=11, group_share=0.35)
    regions = load_official([]).regions
    refs, _ = discover_inputs([str(folder)])
    articles, rejected = read_sources(refs)
    assert not rejected
    region_frame = regions.rename(columns={"region_code": "code"})[
        ["code", "name", "level", "province_code", "alt_names"]
    ]
    extractions = pl.extract_batch(articles, region_frame)
    return regions, articles, extractions


def _load(
    path: Path,
    regions: pd.DataFrame,
    batches: list[tuple[list, list]],
    settle_each: bool = False,
    chunk: int = wh.SETTLE_CHUNK,
    map_chunks=None,
) -> Path:
    con = wh.connect(path)
    try:
        wh.ensure_schema(con, path)
        wh.load_regions(con, regions)
        for index, (articles, extractions) in enumerate(batches):
            frames = pl.stage(f"b{index:03d}", articles, extractions)
            wh.load_batch(con, frames)
            if settle_each:
                wh.settle_meetings(con, chunk_reports=chunk, map_chunks=map_chunks)
        wh.settle_meetings(con, chunk_reports=chunk, map_chunks=map_chunks)
    finally:
        con.close()
    return path


def _batches(articles: list, extractions: list, size: int, seed: int) -> list[tuple[list, list]]:
    order = list(range(len(articles)))
    random.Random(seed).shuffle(order)
    return [
        ([articles[i] for i in part], [extractions[i] for i in part])
        for part in chunks(order, size)
    ]


def test_batches_in_any_order_give_the_one_batch_warehouse(tmp_path, corpus):
    regions, articles, extractions = corpus
    whole = _load(tmp_path / "whole.duckdb", regions, [(articles, extractions)])
    reference = snapshot(whole)
    assert len(reference["fact_meeting"]) < len(reference["fact_meeting_report"])  # merges
    # settle after every batch or once; in chunks of a few reports (dates split across chunks)
    for size, seed, settle_each, chunk in ((23, 1, True, 50), (64, 2, False, 7), (64, 4, True, 1)):
        path = _load(
            tmp_path / f"b{size}-{seed}.duckdb",
            regions,
            _batches(articles, extractions, size, seed),
            settle_each,
            chunk,
        )
        assert snapshot(path) == reference, f"batches of {size}, settle each: {settle_each}"
        assert not any(orphans(path).values())
        assert not any(duplicate_keys(path).values())
        assert _pending(path) == 0


def test_settling_on_the_pool_gives_the_same_meetings(tmp_path, corpus):
    """Chunks clustered in pool processes, several in flight, applied in order."""
    regions, articles, extractions = corpus
    reference = snapshot(_load(tmp_path / "whole.duckdb", regions, [(articles, extractions)]))
    region_frame = regions.rename(columns={"region_code": "code"})[
        ["code", "name", "level", "province_code", "alt_names"]
    ]
    workers._get_pool(region_frame, 2)
    try:
        drawn: list[int] = []
        results = workers.map_ordered(abs, (drawn.append(i) or -i for i in range(9)), 3)
        assert next(results) == 0 and len(drawn) == 3  # inputs drawn only a window ahead
        assert list(results) == list(range(1, 9))
        path = _load(
            tmp_path / "pool.duckdb",
            regions,
            _batches(articles, extractions, 64, 5),
            settle_each=True,
            chunk=5,
            map_chunks=workers.map_ordered,
        )
        # as the flow settles: each chunk written when done, the costliest clustered first
        unordered = _load(
            tmp_path / "unordered.duckdb",
            regions,
            [(articles, extractions)],
            chunk=5,
            map_chunks=functools.partial(workers.map_ordered, ordered=False),
        )
        # not `ordered`: a short input's result is not held back by a long one before it
        assert next(workers.map_ordered(math.factorial, [300_000, 5], ordered=False)) == 120
    finally:
        workers.shutdown()
    assert snapshot(path) == reference
    assert _pending(path) == 0
    assert snapshot(unordered) == reference and _pending(unordered) == 0


def _pending(path: Path) -> int:
    """Meeting reports not in any meeting (none once meetings are settled)."""
    con = wh.connect(path, read_only=True)
    try:
        return con.execute(
            "SELECT count(*) FROM fact_meeting_report"
            " WHERE article_id NOT IN (SELECT article_id FROM bridge_meeting_article)"
        ).fetchone()[0]
    finally:
        con.close()


def test_reloading_articles_replaces_them_and_their_meetings(tmp_path, corpus):
    """A re-extraction (same article ids) that moves some reports to another day."""
    regions, articles, extractions = corpus
    meeting_ids = [i for i, ex in enumerate(extractions) if ex.is_meeting and ex.meeting]
    moved = set(meeting_ids[::7])
    changed = []
    for i, ex in enumerate(extractions):
        if i in moved and ex.meeting.meeting_date is not None:
            meeting = ex.meeting.__class__(
                **{**ex.meeting.__dict__, "meeting_date": pd.Timestamp("2020-11-30").date()}
            )
            ex = ex.__class__(**{**ex.__dict__, "meeting": meeting})
        changed.append(ex)
    reference = snapshot(_load(tmp_path / "whole.duckdb", regions, [(articles, changed)]))
    reloaded = [i for i in range(len(articles)) if i in moved or i % 5 == 0]
    for settle_each in (True, False):
        path = _load(
            tmp_path / f"reloaded-{settle_each}.duckdb",
            regions,
            _batches(articles, extractions, 50, 3)
            + [([articles[i] for i in reloaded], [changed[i] for i in reloaded])],
            settle_each,
            chunk=9,
        )
        assert snapshot(path) == reference, f"settle each: {settle_each}"
    assert not any(orphans(path).values())
    assert not any(duplicate_keys(path).values())


def test_settle_chunks_hold_whole_dates_and_about_the_limit():
    d = dt.date
    dates = [(None, 3), (d(2020, 1, 1), 5), (d(2020, 1, 2), 4), (d(2020, 1, 3), 9)]
    assert list(wh._date_chunks(dates, 10)) == [
        ([d(2020, 1, 1)], True),  # the dateless pending reports go with the first chunk
        ([d(2020, 1, 2)], False),
        ([d(2020, 1, 3)], False),
    ]
    assert list(wh._date_chunks([(None, 2)], 10)) == [([], True)]
    assert list(wh._date_chunks([], 10)) == []


def test_settle_chunks_with_the_most_pairs_go_first():
    """A date of n reports has ~n² pairs to score: chunks are ordered by that, ties kept."""
    d = [dt.date(2024, 9, day) for day in range(1, 6)]
    dates = [(None, 7), (d[0], 3), (d[1], 3), (d[2], 9), (d[3], 2), (d[4], 2)]
    chunks = [([d[0], d[1]], True), ([d[2]], False), ([d[3]], False), ([d[4]], False)]
    assert wh._costliest_first(iter(chunks), dates) == [chunks[1], chunks[0], chunks[2], chunks[3]]
