"""scripts/warehouse_snapshot.py: two builds of the same inputs dump the same, a changed value
does not, and `--compare` says where."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pandas as pd
import pytest

from pilkada.load import warehouse as wh
from pilkada.run import pipeline as pl
from pilkada.sources.ingest import discover_inputs, read_sources
from pilkada.sources.official import load_official

REPO = Path(__file__).resolve().parents[1]


def _load():
    path = REPO / "scripts" / "warehouse_snapshot.py"
    spec = importlib.util.spec_from_file_location("warehouse_snapshot", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["warehouse_snapshot"] = module
    spec.loader.exec_module(module)
    return module


snap = _load()

REPORTS = {
    "a.txt": "Polres Malang Gelar Rakor Pilkada 2024\n\nMALANG - Polres Malang menggelar rapat"
    " koordinasi pengamanan Pilkada 2024 di aula Mapolres Malang, Kamis (21/11/2024). Rapat"
    " dipimpin Kapolres Malang dan dihadiri Ketua KPU Kabupaten Malang. Kapolres meminta ASN"
    " menjaga netralitas.\n",
    "b.txt": "Rakor Pengamanan Pilkada di Mapolres Malang\n\nKEPANJEN - Rapat koordinasi"
    " pengamanan Pilkada 2024 digelar Polres Malang di aula Mapolres Malang, Kamis"
    " (21/11/2024), dipimpin Kapolres Malang bersama Ketua Bawaslu Kabupaten Malang.\n",
}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> tuple:
    folder = tmp_path_factory.mktemp("articles")
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    refs, _ = discover_inputs([str(folder)])
    articles, rejected = read_sources(refs)
    assert not rejected
    regions = load_official([]).regions
    frame = regions.rename(columns={"region_code": "code"})
    extractions = pl.extract_batch(
        articles, frame[["code", "name", "level", "province_code", "alt_names"]]
    )
    return regions, articles, extractions


def _build(path: Path, inputs: tuple, run_id: str) -> Path:
    regions, articles, extractions = inputs
    con = wh.connect(path)
    try:
        wh.ensure_schema(con, path)
        wh.load_regions(con, regions)
        batch = pl.batch_id_for(run_id, 0)
        load_batches = {"load_batches": _batch_row(batch, run_id)}
        wh.load_batch(con, pl.stage(batch, articles, extractions), ops=load_batches)
        wh.settle_meetings(con)
    finally:
        con.close()
    return path


def _batch_row(batch: str, run_id: str) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "batch_id": batch,
                "run_id": run_id,
                "status": "loaded",
                "n_sources": 2,
                "n_articles": 2,
                "n_rejected": 0,
                "extractor_version": "x",
                "started_at": wh.now(),
                "finished_at": wh.now(),
                "message": "2 articles loaded",
            }
        ]
    )


def test_two_builds_of_the_same_inputs_dump_the_same(tmp_path, inputs):
    first = _build(tmp_path / "a.duckdb", inputs, "r20260101T000000-aaaaaa")
    second = _build(tmp_path / "b.duckdb", inputs, "r20260102T101010-bbbbbb")
    assert snap.main([str(first), str(tmp_path / "a.txt")]) == 0
    assert snap.main([str(second), str(tmp_path / "b.txt")]) == 0
    text = (tmp_path / "a.txt").read_text(encoding="utf-8")
    assert "== view meetings (1 rows)" in text  # the two reports are one meeting
    assert "left out: loaded_at" in text and '"run1-b0000"' in text
    assert "aaaaaa" not in text
    assert snap.compare(tmp_path / "a.txt", tmp_path / "b.txt") == []
    assert snap.main(["--compare", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]) == 0


def test_a_changed_value_is_found_and_named(tmp_path, inputs, capsys):
    first = _build(tmp_path / "a.duckdb", inputs, "r20260101T000000-aaaaaa")
    second = _build(tmp_path / "b.duckdb", inputs, "r20260101T000000-aaaaaa")
    con = wh.connect(second)
    con.execute("UPDATE fact_meeting SET venue = 'Pendopo Kabupaten'")
    con.close()
    snap.main([str(first), str(tmp_path / "a.txt")])
    snap.main([str(second), str(tmp_path / "b.txt")])
    capsys.readouterr()
    assert snap.main(["--compare", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]) == 1
    out = capsys.readouterr().out
    assert "table fact_meeting:" in out and "view meetings:" in out
    assert "Pendopo Kabupaten" in out
    assert "fact_participant" not in out


def test_a_missing_warehouse_is_refused(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        snap.main([str(tmp_path / "none.duckdb"), str(tmp_path / "out.txt")])
    assert stop.value.code == 2
    assert "none.duckdb: no warehouse file here" in capsys.readouterr().err
