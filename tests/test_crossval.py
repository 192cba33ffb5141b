"""scripts/crossval.py: the labelled pool, its folds, and one real run scored per part."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _load():
    spec = importlib.util.spec_from_file_location("crossval", REPO / "scripts" / "crossval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["crossval"] = module
    spec.loader.exec_module(module)
    return module


crossval = _load()

MEETING = (
    "Polres Malang Gelar Rakor Pilkada 2024\n\n"
    "MALANG - Polres Malang menggelar rapat koordinasi pengamanan Pilkada 2024 di aula Mapolres "
    "Malang, Kamis (21/11/2024). Rapat dipimpin Kapolres Malang dan dihadiri Ketua KPU "
    "Kabupaten Malang serta Ketua Bawaslu Kabupaten Malang.\n"
)
APEL = (
    "Polres Malang Gelar Apel Gelar Pasukan Pilkada 2024\n\n"
    "MALANG - Polres Malang menggelar apel gelar pasukan pengamanan Pilkada 2024 di alun-alun, "
    "Rabu (20/11/2024). Kapolres memimpin apel.\n"
)


def _shared(tmp_path: Path) -> Path:
    """A tiny stand-in for ../shared: three labelled sets written here."""
    shared = tmp_path / "shared"
    sets = {
        "seeds": [("000.txt", MEETING, True, "2024-11-21", "malang")],
        "dev": [("001.txt", MEETING, True, "2024-11-21", "malang"),
                ("002.txt", APEL, False, None, None)],
        "dev2": [("003.txt", APEL, False, None, None), ("004.txt", MEETING, True, "2024-11-21",
                  "malang")],
    }  # fmt: skip
    for name, rows in sets.items():
        folder = shared / "corpus" / name
        (folder / "articles").mkdir(parents=True)
        with open(folder / "gold.jsonl", "w", encoding="utf-8") as gold:
            for file, text, is_meeting, day, cluster in rows:
                # distinct texts: a duplicate of a loaded article is not loaded again
                (folder / "articles" / file).write_text(
                    f"{text}Berkas {name} {file}.\n", encoding="utf-8"
                )
                label = {"article": file, "is_meeting": is_meeting, "meeting_date": day,
                         "cluster": cluster, "region_codes": ["35.07"] if is_meeting else [],
                         "institution_kinds": [], "topics": []}  # fmt: skip
                gold.write(json.dumps(label) + "\n")
    return shared


def test_pool_prefixes_files_and_clusters_and_the_folds_split_it(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    gold = crossval.pool(_shared(tmp_path), inputs)
    assert sorted(p.name for p in inputs.iterdir()) == [
        "dev2_003.txt", "dev2_004.txt", "dev_001.txt", "dev_002.txt", "seeds_000.txt"
    ]  # fmt: skip
    by_name = {g["article"]: g for g in gold}
    assert by_name["dev_001.txt"]["cluster"] == "dev_malang"  # clusters never span sets
    parts = crossval.parts(gold)
    assert [g["article"] for g in parts["dev2-odd"]] == ["dev2_003.txt"]
    assert [g["article"] for g in parts["dev2-even"]] == ["dev2_004.txt"]
    assert len(parts["seeds+dev"]) == 3 and len(parts["all"]) == 5
    assert len(parts["pool-odd"]) + len(parts["pool-even"]) == 5


def test_without_the_shared_folder_it_says_so(tmp_path, capsys):
    assert crossval.main(["--shared", str(tmp_path / "absent")]) == 0
    assert "nothing to evaluate" in capsys.readouterr().out


@pytest.mark.slow
def test_one_real_run_scored_per_part(tmp_path, capsys, prefect_server):
    saved = tmp_path / "numbers.json"
    args = ["--shared", str(_shared(tmp_path)), "--out", str(tmp_path / "work"), "--save"]
    assert crossval.main([*args, str(saved)]) == 0
    results = json.loads(saved.read_text(encoding="utf-8"))
    assert results["all"]["articles"] == 5
    for part in ("seeds", "dev", "dev2"):  # the apel is not a meeting, the rakor is, that day
        assert results[part]["acc_is_meeting"] == results[part]["acc_date"] == 1.0
    assert results["all"]["f1_dedup"] == 0.0  # the sets' clusters are apart, the run joins them
    out = capsys.readouterr().out
    assert "dev2-even" in out and "pool-odd" in out
    assert crossval.main([*args[:4], "--compare", str(saved)]) == 0
    changes = re.findall(r"\d[+-]\d", capsys.readouterr().out)
    assert not changes  # the same product: no change anywhere
