"""Article-level quarantine in the load path (real GX checkpoints, real DuckDB, no Prefect): one
strange article is set aside with its reason while the rest of its batch loads; what signals a
broken pipeline still quarantines the whole batch; a `warn` loads and records; a set-aside
article is retried when the suites or the extractor change, and then loads exactly once."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest
from snapshots import duplicate_keys, orphans, snapshot

from benchmarks.synth import generate
from pilkada.load import warehouse as wh
from pilkada.quality import suites as suites_module
from pilkada.run import pipeline as pl
from pilkada.sources.official import load_official


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """2,000 synthetic articles in a folder."""
    folder = tmp_path_factory.mktemp("synth2000")
    generate(2000, folder, seed=13)
    return folder


@pytest.fixture
def empty(tmp_path, monkeypatch):
    """A warehouse holding only the official lists."""
    monkeypatch.setenv("PILKADA_GX_ROOT", str(tmp_path / "gx"))
    warehouse = tmp_path / "data" / "warehouse" / "w.duckdb"
    con = wh.connect(warehouse)
    wh.ensure_schema(con, warehouse)
    lists = load_official([])
    assert pl.load_official_lists(con, lists, run_id="r0", warehouse=warehouse).status == "loaded"
    yield con, warehouse
    con.close()


def stage(con, folder: Path, batch_id: str):
    """Plan, read, extract and stage a folder as one batch, as the build flow does."""
    refs = pl.plan(con, [str(folder)]).refs
    articles, rejected = pl.read_batch(refs)
    fresh, dupes = pl.split_duplicates(articles, wh.loaded_articles(con, pl.EXTRACTOR_VERSION))
    frames = pl.stage(batch_id, fresh, pl.extract_batch(fresh, pl.region_frame(con)))
    return refs, fresh, dupes, rejected, frames


def commit(con, warehouse, batch_id: str, batch) -> pl.BatchOutcome:
    refs, fresh, dupes, rejected, frames = batch
    result = pl.gate_batch(
        frames, batch_id=batch_id, params=pl.gate_params(con), warehouse=warehouse
    )
    outcome = pl.commit_batch(
        con, run_id="r-test", batch_id=batch_id, refs=refs, articles=fresh, duplicates=dupes,
        rejected=rejected, frames=frames, result=result, warehouse=warehouse, started=wh.now(),
    )  # fmt: skip
    wh.settle_meetings(con)
    return outcome


def blank_evidence(frames: dict[str, pd.DataFrame], n: int = 1) -> list[str]:
    """Blank the evidence of one participant row in each of `n` articles; their ids."""
    participants = frames["participants"]
    ids = list(dict.fromkeys(participants["article_id"]))[:n]
    first = participants.drop_duplicates("article_id").set_index("article_id")["seq"]
    for article_id in ids:
        row = (participants["article_id"] == article_id) & (
            participants["seq"] == first[article_id]
        )
        participants.loc[row, "evidence"] = "   "
    return ids


def count(con, sql: str, *params) -> int:
    return con.execute(sql, list(params)).fetchone()[0]


@pytest.mark.slow
def test_one_bad_article_among_2000_is_set_aside_and_1999_load_then_a_fix_loads_it_once(
    empty, corpus, tmp_path, monkeypatch
):
    con, warehouse = empty
    batch = stage(con, corpus, "b-2000")
    fresh, frames = batch[1], batch[-1]
    assert len(fresh) == 2000
    (bad,) = blank_evidence(frames)
    bad_rows = {name: int((f["article_id"] == bad).sum()) for name, f in frames.items()}

    outcome = commit(con, warehouse, "b-2000", batch)
    assert (outcome.status, outcome.n_articles, outcome.n_set_aside) == ("loaded", 1999, 1)
    assert "1 set aside (evidence.non_blank; see quarantined_articles)" in outcome.message
    assert count(con, "SELECT count(*) FROM articles") == 1999
    assert count(con, "SELECT count(*) FROM articles WHERE article_id = ?", bad) == 0
    for view in ("participants", "directives", "meeting_regions", "meeting_articles"):
        assert count(con, f"SELECT count(*) FROM {view} WHERE article_id = ?", bad) == 0, view
    row = con.execute(
        'SELECT source_uri, suite, expectation, "column", value, reason, status, times_seen,'
        " path FROM quarantined_articles WHERE article_id = ?",
        [bad],
    ).fetchone()
    assert row[1:5] == ("staged_participants", "evidence.non_blank", "evidence", "   ")
    assert row[0].endswith(".txt") and "non-space character" in row[5]
    assert row[6:8] == ("quarantined", 1)
    kept = pd.read_parquet(Path(row[8]) / "participants.parquet")
    assert len(kept) == bad_rows["participants"] and set(kept["article_id"]) == {bad}
    assert count(con, "SELECT count(*) FROM source_files WHERE status = 'quarantined'") == 1
    assert not any(orphans(con).values())
    assert not any(duplicate_keys(con).values())

    # the next run: nothing changed, so the set-aside article is not read again
    assert pl.plan(con, [str(corpus)]).refs == []

    # the suites change (a reviewed rule edit): the reason may have gone, so it is retried
    changed = tmp_path / "expectations"
    shutil.copytree(suites_module.EXPECTATIONS_DIR, changed)
    notes = changed / "staged_directives.json"
    notes.write_text(notes.read_text().replace("Directives stated", "Directives said"))
    monkeypatch.setattr(suites_module, "EXPECTATIONS_DIR", changed)
    retry = stage(con, corpus, "b-retry")
    assert [a.article_id for a in retry[1]] == [bad]  # only the set-aside article is read
    outcome = commit(con, warehouse, "b-retry", retry)
    assert (outcome.status, outcome.n_articles, outcome.n_set_aside) == ("loaded", 1, 0)
    assert count(con, "SELECT count(*) FROM articles") == 2000
    assert count(con, "SELECT count(*) FROM dim_article WHERE article_id = ?", bad) == 1
    assert (
        count(con, "SELECT count(*) FROM participants WHERE article_id = ?", bad)
        == bad_rows["participants"]
    )
    assert con.execute(
        "SELECT status, released_batch FROM quarantined_articles WHERE article_id = ?", [bad]
    ).fetchone() == ("released", "b-retry")
    assert pl.plan(con, [str(corpus)]).refs == []  # and it is not read a third time
    assert not any(duplicate_keys(con).values())


@pytest.mark.slow
def test_dropped_share_over_the_threshold_quarantines_the_batch(empty, corpus):
    con, warehouse = empty
    before = snapshot(con)
    batch = stage(con, corpus, "b-many")
    blank_evidence(batch[-1], n=60)  # 3 % of 2,000 > 2 %
    outcome = commit(con, warehouse, "b-many", batch)
    assert outcome.status == "quarantined"
    assert "share_dropped" in outcome.message and "0.03" in outcome.message
    assert snapshot(con) == before
    assert count(con, "SELECT count(*) FROM quarantined_articles") == 0


@pytest.fixture
def sample_batch(empty, sample_dir):
    con, warehouse = empty
    return con, warehouse, stage(con, sample_dir, "b-sample")


def test_a_column_missing_from_a_frame_quarantines_the_batch(sample_batch):
    con, warehouse, batch = sample_batch
    before = snapshot(con)
    batch[-1]["meeting_regions"] = batch[-1]["meeting_regions"].drop(columns=["role"])
    outcome = commit(con, warehouse, "b-nocol", batch)
    assert outcome.status == "quarantined"
    assert "expect_table_columns_to_match_set" in outcome.message and "role" in outcome.message
    assert snapshot(con) == before
    assert count(con, "SELECT count(*) FROM quarantined_batches") == 1


def test_a_warn_expectation_loads_the_article_and_records_the_value(sample_batch):
    con, warehouse, batch = sample_batch
    frames = batch[-1]
    reports = frames["meeting_reports"]
    article = reports["article_id"].iloc[0]
    reports.loc[reports.index[0], "meeting_date"] = dt.date(2031, 3, 4)
    reports.loc[reports.index[0], "election_year"] = 2019  # no Pilkada wave
    outcome = commit(con, warehouse, "b-warn", batch)
    assert (outcome.status, outcome.n_set_aside) == ("loaded", 0), outcome.message
    assert count(con, "SELECT count(*) FROM articles") == len(batch[1])
    assert con.execute(
        "SELECT meeting_date, election_year FROM fact_meeting_report WHERE article_id = ?",
        [article],
    ).fetchone() == (None, None)
    warnings = con.execute(
        'SELECT article_id, expectation, "column", value, action FROM dq_warnings'
        " ORDER BY expectation"
    ).fetchall()
    assert warnings == [
        (article, "election_year.in_vocabulary", "election_year", "2019", "set_null"),
        (article, "meeting_date.range", "meeting_date", "2031-03-04", "set_null"),
    ]
    failed = con.execute(
        "SELECT \"column\" FROM dq_results WHERE batch_id = 'b-warn' AND NOT success"
        " ORDER BY 1"
    ).fetchall()
    assert failed == [("election_year",), ("meeting_date",)]  # recorded in dq_results too


def test_a_new_extractor_version_retries_a_set_aside_article(sample_batch, sample_dir, monkeypatch):
    con, warehouse, batch = sample_batch
    (bad,) = blank_evidence(batch[-1])
    assert commit(con, warehouse, "b-v1", batch).n_set_aside == 1
    assert pl.plan(con, [str(sample_dir)]).refs == []
    monkeypatch.setattr(pl, "EXTRACTOR_VERSION", pl.EXTRACTOR_VERSION + "-next")
    retry = stage(con, sample_dir, "b-v2")  # every article is re-extracted, the bad one too
    assert bad in {a.article_id for a in retry[1]}
    outcome = commit(con, warehouse, "b-v2", retry)
    assert (outcome.status, outcome.n_set_aside) == ("loaded", 0)
    assert count(con, "SELECT count(*) FROM dim_article WHERE article_id = ?", bad) == 1
    assert count(con, "SELECT count(*) FROM quarantined_articles WHERE status = 'released'") == 1
    assert not any(duplicate_keys(con).values())
