"""The gate in the load path: a failing batch is quarantined whole, the warehouse stays exactly as
it was, and the next clean batch loads (real GX checkpoints, real DuckDB, no Prefect needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from snapshots import duplicate_keys, orphans, snapshot

from pilkada.load import warehouse as wh
from pilkada.run import pipeline as pl
from pilkada.sources.official import load_official


def stage_folder(con, folder: Path, run_id: str, index: int, warehouse: Path):
    """Plan, read, extract and stage one batch of a folder, as the build flow does."""
    refs = pl.plan(con, [str(folder)]).refs
    articles, rejected = pl.read_batch(refs)
    fresh, dupes = pl.split_duplicates(articles, wh.loaded_articles(con, pl.EXTRACTOR_VERSION))
    batch_id = pl.batch_id_for(run_id, index)
    frames = pl.stage(batch_id, fresh, pl.extract_batch(fresh, pl.region_frame(con)))
    return batch_id, refs, fresh, dupes, rejected, frames


def commit(con, warehouse, batch):
    batch_id, refs, fresh, dupes, rejected, frames = batch
    result = pl.gate_batch(
        frames, batch_id=batch_id, params=pl.gate_params(con), warehouse=warehouse
    )
    outcome = pl.commit_batch(
        con, run_id="r-test", batch_id=batch_id, refs=refs, articles=fresh, duplicates=dupes,
        rejected=rejected, frames=frames, result=result, warehouse=warehouse, started=wh.now(),
    )  # fmt: skip
    wh.settle_meetings(con)  # as the flow does at the end of a run
    return outcome


@pytest.fixture
def loaded(tmp_path, sample_dir, article_dir, monkeypatch):
    """A warehouse holding the first half of the sample; the second half waits in a folder."""
    monkeypatch.setenv("PILKADA_GX_ROOT", str(tmp_path / "gx"))
    warehouse = tmp_path / "data" / "warehouse" / "w.duckdb"
    files = sorted(sample_dir.glob("*.txt"))
    first = article_dir({p.name: p.read_text(encoding="utf-8") for p in files[:6]}, "first")
    second = article_dir({p.name: p.read_text(encoding="utf-8") for p in files[6:]}, "second")
    con = wh.connect(warehouse)
    wh.ensure_schema(con, warehouse)
    assert (
        pl.load_official_lists(con, load_official([]), run_id="r0", warehouse=warehouse).status
        == "loaded"
    )
    assert commit(con, warehouse, stage_folder(con, first, "r1", 0, warehouse)).status == "loaded"
    yield con, warehouse, second
    con.close()


def _bad_region(frames):
    frames["meeting_regions"].loc[0, "region_code"] = "99.99"
    return "99.99"


def _duplicate_key(frames):
    p = frames["participants"]
    frames["participants"] = pd.concat([p, p.iloc[[0]]], ignore_index=True)
    return "article_id,seq"


def _bad_topic(frames):
    frames["directives"].loc[0, "topic"] = "weather"
    return "weather"


@pytest.mark.parametrize("corrupt", [_bad_region, _duplicate_key, _bad_topic])
def test_failing_batch_is_quarantined_whole_and_the_next_clean_batch_loads(loaded, corrupt):
    con, warehouse, second = loaded
    before = snapshot(con)
    batch = stage_folder(con, second, "r2", 0, warehouse)
    named = corrupt(batch[-1])
    outcome = commit(con, warehouse, batch)
    assert outcome.status == "quarantined"
    assert named in outcome.message
    assert snapshot(con) == before  # not one row of the batch reached the warehouse
    folder = Path(outcome.quarantine_path)
    failures = json.loads((folder / "failures.json").read_text())
    assert failures and (folder / "articles.parquet").exists()
    quarantined = con.execute("SELECT batch_id, message FROM quarantined_batches").fetchall()
    assert quarantined == [(batch[0], outcome.message)]
    statuses = {
        s
        for (s,) in con.execute(
            "SELECT DISTINCT status FROM source_files WHERE batch_id = ?", [batch[0]]
        ).fetchall()
    }
    assert statuses == {"quarantined"}

    clean = stage_folder(con, second, "r3", 0, warehouse)  # the same articles, not corrupted
    assert commit(con, warehouse, clean).status == "loaded"
    n = con.execute("SELECT count(*) FROM dim_article").fetchone()[0]
    assert n == 12
    assert not any(orphans(con).values())
    assert not any(duplicate_keys(con).values())
