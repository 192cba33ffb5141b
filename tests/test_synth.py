"""The synthetic corpus generator (benchmarks.synth) and the runner (benchmarks/bench.py)."""

from __future__ import annotations

import collections
import datetime as dt
import importlib.util
import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from benchmarks.synth import SHARD_SIZE, generate
from pilkada import vocabularies
from pilkada.sources.ingest import discover_inputs

REPO = Path(__file__).resolve().parents[1]
MODES = {*vocabularies.values("mode"), None}
KINDS = set(vocabularies.values("institution_kind"))
TOPICS = set(vocabularies.values("topic"))
HARI = vocabularies.weekday_names()  # date.weekday() order
MONTH = {name: i for i, name in enumerate(vocabularies.month_names(), start=1)}
WEEKDAY = "|".join(HARI)
DAY_SLASH = re.compile(rf"(?:({WEEKDAY}),? )?\((\d{{1,2}})/(\d{{1,2}})(?:/(\d{{4}}))?\)")
DAY_LONG = re.compile(rf"(?:({WEEKDAY}), )?(\d{{1,2}}) (\w+) (\d{{4}})")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict, list[dict]]:
    out = tmp_path_factory.mktemp("synth") / "corpus"
    counts = generate(1500, out, seed=11)
    gold = [json.loads(line) for line in (out / "gold.jsonl").read_text().splitlines()]
    return out, counts, gold


def text_of(out: Path, gold_row: dict) -> str:
    stem = gold_row["article"].removesuffix(".txt")
    return (out / f"{int(stem) // SHARD_SIZE:03d}" / gold_row["article"]).read_text("utf-8")


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    first = generate(150, tmp_path / "a", seed=5)
    second = generate(150, tmp_path / "b", seed=5)
    generate(150, tmp_path / "c", seed=6)
    assert {k: v for k, v in first.items() if k != "seconds"} == {
        k: v for k, v in second.items() if k != "seconds"
    }
    a, b, c = tree(tmp_path / "a"), tree(tmp_path / "b"), tree(tmp_path / "c")
    assert a == b
    assert a.keys() == c.keys()
    assert sum(a[k] != c[k] for k in a) > 140


def test_refuses_a_non_empty_folder_unless_asked(tmp_path):
    generate(20, tmp_path / "out", seed=1)
    with pytest.raises(FileExistsError):
        generate(20, tmp_path / "out", seed=1)
    counts = generate(10, tmp_path / "out", seed=1, overwrite=True)
    assert counts["n"] == 10
    assert len(list((tmp_path / "out").rglob("*.txt"))) == 10


def test_writes_the_counts_asked_in_shards(corpus):
    out, counts, gold = corpus
    files = sorted(out.rglob("*.txt"))
    assert len(files) == counts["n"] == len(gold) == 1500
    assert counts["meeting"] + counts["near_miss"] + counts["off_topic"] == 1500
    assert counts["meeting"] == round(1500 * 0.55)
    assert counts["near_miss"] == round(1500 * 0.25)
    shards = collections.Counter(p.parent.name for p in files)
    assert shards == {"000": SHARD_SIZE, "001": 500}
    assert len({p.name for p in files}) == len(files)  # basenames unique (the scorer uses them)
    grouped = counts["grouped_articles"]
    assert 0.07 * counts["meeting"] <= grouped <= 0.13 * counts["meeting"]
    kinds = collections.Counter(g["kind"].split(":")[0] for g in gold)
    assert kinds == {
        "meeting": counts["meeting"],
        "near_miss": 375,
        "off_topic": counts["off_topic"],
    }
    # the ingest step sees exactly the articles (gold.jsonl and manifest.csv are not articles)
    refs, rejected = discover_inputs([str(out)])
    assert len(refs) == 1500 and not rejected
    manifest = pd.read_csv(out / "manifest.csv", dtype=str, keep_default_na=False)
    assert list(manifest.columns) == ["file", "url", "outlet", "published_date"]
    assert len(manifest) == 1500 and manifest["url"].str.startswith("https://").all()


def test_mix_is_configurable(tmp_path):
    counts = generate(
        200, tmp_path / "o", seed=3, mix={"meeting": 1, "near_miss": 1, "off_topic": 0}
    )
    assert (counts["meeting"], counts["near_miss"], counts["off_topic"]) == (100, 100, 0)


def test_articles_look_like_news(corpus):
    out, _counts, gold = corpus
    sizes = sorted(len(text_of(out, g).encode()) for g in gold)
    assert sizes[0] >= 1000 and sizes[-1] <= 4500
    assert 1500 <= sizes[len(sizes) // 2] <= 4000
    texts = [text_of(out, g) for g in gold[:300]]
    for text in texts:
        title, blank, _rest = text.split("\n", 2)
        assert title.strip() and blank == ""
    assert sum("Baca Juga" in t or "BACA JUGA" in t or "Baca juga" in t for t in texts) > 250


def test_gold_lines_are_valid(corpus):
    from pilkada.sources.official import regions_from_lokal

    codes = set(regions_from_lokal()["region_code"])
    _out, _counts, gold = corpus
    for g in gold:
        assert set(g) >= {
            "article", "is_meeting", "meeting_date", "cluster", "mode", "region_codes",
            "institution_kinds", "topics",
        }  # fmt: skip
        assert g["mode"] in MODES
        assert set(g["institution_kinds"]) <= KINDS
        assert set(g["topics"]) <= TOPICS
        assert set(g["region_codes"]) <= codes
        if g["is_meeting"]:
            assert g["region_codes"] and g["institution_kinds"] and g["topics"]
            if g["meeting_date"]:
                assert "2015-01-01" <= g["meeting_date"] <= "2024-12-31"
        else:
            assert g["meeting_date"] is None and g["mode"] is None
            assert not g["region_codes"] and not g["institution_kinds"] and not g["topics"]
            assert g["cluster"] == f"solo-{g['article'].removesuffix('.txt')}"
    assert {g["mode"] for g in gold if g["is_meeting"]} == MODES
    years = {g["meeting_date"][:4] for g in gold if g["meeting_date"]}
    assert {"2015", "2016", "2017", "2018", "2019", "2020", "2023", "2024"} <= years


def test_groups_share_cluster_date_and_mode(corpus):
    _out, counts, gold = corpus
    clusters = collections.defaultdict(list)
    for g in gold:
        clusters[g["cluster"]].append(g)
    groups = [rows for rows in clusters.values() if len(rows) > 1]
    assert len(groups) == counts["groups"]
    assert sum(len(rows) for rows in groups) == counts["grouped_articles"]
    for rows in groups:
        assert 2 <= len(rows) <= 4
        assert all(r["is_meeting"] for r in rows)
        assert len({r["meeting_date"] for r in rows}) == 1 and rows[0]["meeting_date"]
        assert len({r["mode"] for r in rows}) == 1
        assert rows[0]["cluster"].startswith("syn-")
    # reports of one meeting are worded differently
    out = _out
    for rows in groups[:20]:
        texts = {text_of(out, r) for r in rows}
        titles = {t.split("\n", 1)[0] for t in texts}
        assert len(texts) == len(rows)
        assert len({t.lower() for t in titles}) == len(rows)


def _dates_in(text: str) -> list[tuple[str | None, int, int, int | None]]:
    found = [
        (m[1], int(m[2]), int(m[3]), int(m[4]) if m[4] else None) for m in DAY_SLASH.finditer(text)
    ]
    found += [
        (m[1], int(m[2]), MONTH[m[3]], int(m[4])) for m in DAY_LONG.finditer(text) if m[3] in MONTH
    ]
    return found


def test_dates_in_the_text_match_the_gold(corpus):
    out, _counts, gold = corpus
    checked = yearless = 0
    for g in gold:
        text = text_of(out, g)
        for weekday, day, month, year in _dates_in(text):
            if weekday and year:  # every weekday the generator writes is right
                assert HARI[dt.date(year, month, day).weekday()] == weekday, (g["article"], text)
        if not (g["is_meeting"] and g["meeting_date"]):
            continue
        d = dt.date.fromisoformat(g["meeting_date"])
        hits = [
            (w, y)
            for w, day, month, y in _dates_in(text)
            if (day, month) == (d.day, d.month) and y in (None, d.year)
        ]
        assert hits, (g["article"], g["meeting_date"])
        if all(y is None for _w, y in hits):  # only "Jumat (2/10)": weekday + election year
            yearless += 1
            assert any(w == HARI[d.weekday()] for w, _y in hits)
            assert f"Pilkada Serentak {d.year}" in text
        checked += 1
    assert checked > 700 and yearless > 100


def test_gold_regions_are_named_in_the_text(corpus):
    from pilkada.sources.official import regions_from_lokal

    regions = regions_from_lokal().set_index("region_code")["name"]
    out, _counts, gold = corpus
    for g in [g for g in gold if g["is_meeting"]][:400]:
        text = text_of(out, g)
        for code in g["region_codes"]:
            name = "Jakarta" if code == "31" else regions[code]
            name = name.removeprefix("Kabupaten ").removeprefix("Kota ")
            assert name in text, (g["article"], code, name)


def test_regions_can_be_given(tmp_path):
    regions = pd.DataFrame(
        {
            "code": ["35", "35.14", "35.75", "62", "62.01", "51", "51.03"],
            "name": [
                "Jawa Timur", "Kabupaten Pasuruan", "Kota Pasuruan", "Kalimantan Tengah",
                "Kabupaten Kotawaringin Barat", "Bali", "Kabupaten Badung",
            ],
            "level": ["province", "regency", "city", "province", "regency", "province", "regency"],
        }
    )  # fmt: skip
    generate(300, tmp_path / "o", seed=2, regions=regions)
    gold = [json.loads(line) for line in (tmp_path / "o" / "gold.jsonl").read_text().splitlines()]
    used = {c for g in gold for c in g["region_codes"]}
    assert used and used <= set(regions["code"])
    # Pasuruan is a regency and a city: the texts must say which
    for g in gold:
        if {"35.14", "35.75"} & set(g["region_codes"]):
            text = text_of(tmp_path / "o", g)
            assert "Kabupaten Pasuruan" in text or "Kota Pasuruan" in text


def _load_bench():
    spec = importlib.util.spec_from_file_location("bench", REPO / "benchmarks" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_bench_targets_and_linearity_arithmetic():
    bench = _load_bench()
    phases = {
        "bare": {"wall_s": 50.0, "seconds": {}},
        "build": {
            "wall_s": 100.0,
            "seconds": {"read": 5, "wait": 50, "stage": 5, "gate": 25, "load": 10},
            "stage_keys_present": True,
            "rss_tree_peak_mib": 900.0,
            "rss_main_mib": 700.0,
            "rss_child_max_mib": 300.0,
        },
        "rerun": {"wall_s": 5.0, "seconds": {}},
    }
    r = bench.summarize(100_000, 2000, {}, 1.0, phases)
    assert r["targets"]["wall"]["pass"]
    assert not r["targets"]["ratio_full_bare"]["pass"]  # 2.0x
    assert r["targets"]["rerun_share"]["pass"]
    assert not r["targets"]["gx_share"]["pass"]  # 25 %
    assert r["other_s"] == pytest.approx(5.0)
    small = dict(r, size=10_000, us_per_article=900.0)
    large = dict(r, size=300_000, us_per_article=1000.0)
    assert bench.linearity([small, large])["pass"]
    assert bench.linearity([r]) is None


def test_bench_repeats_report_the_median_run_and_pair_ratio():
    bench = _load_bench()

    def phase(wall, cpu_main=None, tag=""):
        return {
            "wall_s": wall,
            "tag": tag,
            "seconds": {"gate": 10.0},
            "stage_keys_present": True,
            "rss_tree_peak_mib": 900.0,
            "rss_main_mib": 700.0,
            "rss_child_max_mib": 300.0,
            **({"cpu_main_s": cpu_main, "cpu_workers_s": 2 * cpu_main} if cpu_main else {}),
        }

    # the machine slowed down during the second pair: both of its phases took longer
    runs = [
        {"bare": phase(60.0, 10.0), "build": phase(84.0, 20.0, "a")},  # 1.40
        {"bare": phase(90.0, 10.0), "build": phase(150.0, 20.0, "b")},  # 1.67
        {"bare": phase(62.0, 10.0), "build": phase(90.0, 20.0, "c")},  # 1.45
    ]
    phases = bench.median_run(runs, phase(4.0))
    assert phases["build"]["tag"] == "c"  # median build wall, with its own stages
    assert phases["bare"]["wall_s"] == 62.0
    r = bench.summarize(100_000, 10_000, {}, 1.0, phases)
    assert r["ratio_full_bare"] == pytest.approx(90 / 62)  # median of 1.40, 1.45, 1.67
    assert r["targets"]["ratio_full_bare"]["pass"]
    assert r["repeats"] == 3 and [p["build"] for p in r["runs_wall_s"]] == [84.0, 150.0, 90.0]
    assert r["cpu_build_s"] == pytest.approx(60.0) and r["cpu_ratio"] == pytest.approx(2.0)
    assert r["ungated"] is None  # not measured
    assert r["own_cpu_ms_per_article"] == pytest.approx((60.0 - 30.0) / 100_000 * 1000)
    for pair, wall in zip(runs, (70.0, 120.0, 75.0), strict=True):  # 1.17, 1.33, 1.21
        pair["ungated"] = phase(wall, 12.0)
    u = bench.summarize(100_000, 10_000, {}, 1.0, bench.median_run(runs, phase(4.0)))["ungated"]
    assert u["ratio_full_bare"] == pytest.approx(75 / 62) and u["wall_s"] == 75.0
    assert u["cpu_s"] == pytest.approx(36.0) and u["runs_wall_s"] == [70.0, 120.0, 75.0]
    # one slow pair out of three does not fail the ratio; two would
    runs[0]["build"]["wall_s"] = 100.0  # 1.67
    assert not bench.summarize(100_000, 10_000, {}, 1.0, bench.median_run(runs, phase(4.0)))[
        "targets"
    ]["ratio_full_bare"]["pass"]


@pytest.mark.slow
def test_bench_machinery_on_a_small_corpus(tmp_path, prefect_server):
    """The whole benchmark on 300 articles: corpus, bare pass, build, re-run, table (untimed)."""
    bench = _load_bench()
    out = tmp_path / "bench"
    result = bench.bench_size(
        300,
        out=out,
        seed=9,
        batch_size=100,
        api_url=prefect_server,
        repeat=2,
        ungated=True,
        echo=lambda *_: None,
    )
    assert result["size"] == 300 and result["repeats"] == 2
    assert len(result["phases"]["runs"]) == 2
    # the measurement without the gate loads everything and never imports GX; the build does
    for pair in result["phases"]["runs"]:
        assert not pair["ungated"]["gx_imported"] and pair["ungated"]["n_articles"] == 300
        assert pair["build"]["gx_imported"]
    assert result["ungated"]["ratio_full_bare"] > 0 and len(result["ungated"]["runs_wall_s"]) == 2
    # batches of 100 extract in the main process (no pool below workers.MIN_POOLED)
    assert result["cpu_build_s"] >= result["cpu_build_main_s"] > 0
    assert result["phases"]["bare"]["n_articles"] == 300
    build, rerun = result["phases"]["build"], result["phases"]["rerun"]
    assert build["n_sources"] == 300  # loaded or quarantined: the gate is not under test here
    if not build["failure"]:
        assert build["n_articles"] == 300
        assert rerun["unchanged"] == 300 and rerun["n_articles"] == 0
    assert result["wall_s"] > 0 and result["bare_s"] > 0 and result["rss_peak_mib"] > 0
    assert set(result["targets"]) == {
        "wall",
        "ratio_full_bare",
        "rerun_share",
        "rss_mib",
        "gx_share",
    }
    saved = json.loads((out / "results-300.json").read_text())
    assert saved["size"] == 300
    # the corpus is cached by size and seed
    again = bench.ensure_corpus(out, 300, 9)
    assert again["cached"]
    from rich.console import Console

    buffer = io.StringIO()
    bench.render([result], console=Console(file=buffer, width=200))
    assert "300" in buffer.getvalue() and (
        "PASS" in buffer.getvalue() or "FAIL" in buffer.getvalue()
    )


def test_bench_plans_three_corpora_with_their_own_targets(monkeypatch, tmp_path):
    bench = _load_bench()
    args = bench.argparse.Namespace(
        sizes=[300_000, 10_000, 100_000],
        corpora=list(bench.CORPORA),
        up_to=["synthetic=100000", "html=100000"],
    )
    monkeypatch.setattr(bench, "REALISTIC_TOOL", tmp_path / "realistic_corpus.py")
    # without ../shared's tool only the synthetic corpus runs, to its own largest size
    assert bench.plan(args) == [("synthetic", 10_000), ("synthetic", 100_000)]
    (tmp_path / "realistic_corpus.py").write_text("")
    planned = bench.plan(args)
    assert planned[:3] == [("synthetic", 10_000), ("realistic", 10_000), ("html", 10_000)]
    assert ("realistic", 300_000) in planned and ("html", 300_000) not in planned
    phases = {
        "bare": {"wall_s": 10.0, "seconds": {}, "cpu_main_s": 4.0, "cpu_workers_s": 16.0},
        "build": {
            "wall_s": 14.0,
            "seconds": {"gate": 1.0},
            "stage_keys_present": True,
            "rss_tree_peak_mib": 900.0,
            "rss_main_mib": 700.0,
            "rss_child_max_mib": 300.0,
            "cpu_main_s": 6.0,
            "cpu_workers_s": 18.0,
        },
        "rerun": {"wall_s": 1.0, "seconds": {}},
    }
    real = bench.summarize(
        10_000, 5_000, {"kind": "realistic", "bytes": 100_000_000}, 1.0, phases
    )
    assert real["cpu_bare_s_per_mb"] == pytest.approx(0.2)  # 20 CPU-s over 100 MB
    assert real["targets"]["bare_cpu_s_per_mb"]["pass"]
    assert not real["targets"]["ratio_full_bare"]["pass"]  # 1.4x: over 1.3 on realistic text
    html = bench.summarize(10_000, 5_000, {"kind": "html", "bytes": 500_000_000}, 1.0, phases)
    assert html["targets"]["bare_cpu_ms_per_page"]["value"] == pytest.approx(2.0)
    assert html["targets"]["ratio_full_bare"]["pass"]  # 1.5x limit elsewhere
