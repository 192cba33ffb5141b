"""Person names in the warehouse against the labelled list: `pilkada eval` prints precision and
recall, and the bundled sample's participants hold no false person names."""

from __future__ import annotations

import json

import duckdb
import pytest
from conftest import SAMPLE
from typer.testing import CliRunner

from flows.build import build_warehouse
from pilkada.cli import app
from pilkada.evaluation.person_names import read_labels

runner = CliRunner()


@pytest.fixture(scope="module")
def sample_warehouse(tmp_path_factory, prefect_server):
    folder = tmp_path_factory.mktemp("names") / "data" / "warehouse"
    folder.mkdir(parents=True)
    warehouse = folder / "sample.duckdb"
    build_warehouse(articles=[str(SAMPLE)], warehouse=str(warehouse))
    return warehouse


def _names(warehouse) -> set[tuple[str, str]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return set(con.execute(
            "SELECT DISTINCT article_id, person_name FROM participants "
            "WHERE person_name IS NOT NULL"
        ).fetchall())
    finally:
        con.close()


def test_the_samples_participants_hold_only_persons_names(sample_warehouse):
    judged = {(lab.article_id, lab.name): lab.is_person_name for lab in read_labels()}
    names = _names(sample_warehouse)
    assert len(names) >= 30
    unjudged = names - set(judged)
    assert not unjudged, f"names nobody has judged yet: {sorted(unjudged)}"
    false = sorted(n for n in names if not judged[n])
    assert not false, f"false person names: {false}"


def test_eval_prints_person_name_precision_and_recall(sample_warehouse, sample_dir, tmp_path):
    gold = str(sample_dir / "gold.jsonl")
    done = runner.invoke(app, ["eval", "--gold", gold, "--warehouse", str(sample_warehouse),
                               "--json"])
    assert done.exit_code == 0, done.output
    result = json.loads(done.output)
    assert result["p_person_name"] == 1.0 and result["r_person_name"] == 1.0
    assert result["person_name_articles"] >= 7 and result["person_name_unlabelled"] == 0
    # Judge one name the extractor reads as false, and add a real name it misses.
    article_id, name = sorted(_names(sample_warehouse))[0]
    labels = tmp_path / "labels.csv"
    labels.write_text(
        "# test labels\narticle_id,article,name,is_person_name\n"
        f"{article_id},x.txt,{name},0\n{article_id},x.txt,Nama Yang Tidak Ada,1\n",
        encoding="utf-8",
    )
    done = runner.invoke(app, ["eval", "--gold", gold, "--warehouse", str(sample_warehouse),
                               "--json", "--names", str(labels)])
    result = json.loads(done.output)
    assert result["p_person_name"] == 0.0 and result["r_person_name"] == 0.0
    assert result["person_name_articles"] == 1 and result["person_name_unlabelled"] > 0


def test_a_bad_label_file_is_refused_with_its_name(sample_warehouse, sample_dir, tmp_path):
    labels = tmp_path / "labels.csv"
    labels.write_text("article_id,article,name,is_person_name\nabc,x.txt,Budi,yes\n")
    done = runner.invoke(app, ["eval", "--gold", str(sample_dir / "gold.jsonl"),
                               "--warehouse", str(sample_warehouse), "--names", str(labels)])
    assert done.exit_code == 2
    assert "labels.csv" in done.output and "row 2" in done.output
