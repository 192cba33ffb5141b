"""Quality gate: GX suites from expectations/, checkpoints over staged frames, quarantine, docs."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pilkada.quality import FRAME_SUITES, build_data_docs, gate, quarantine, read_suite
from pilkada.settings import EXPECTATIONS_DIR

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
REGION_CODES = ["35", "35.14", "35.75", "51", "51.03", "62", "62.01"]
PARAMS = {"region_codes": REGION_CODES, "today": "2026-11-23"}
A1, A2, A3 = "0123456789abcdef", "fedcba9876543210", "00000000deadbeef"
TEXT = "Rapat koordinasi Pilkada di Kabupaten Pasuruan, Jumat (2/10). Kapolres AKBP Budi hadir."


@pytest.fixture(scope="module")
def gx_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("gx")


def clean_batch() -> dict[str, pd.DataFrame]:
    """Three articles, two of them meeting reports, with their regions, people and directives."""
    articles = pd.DataFrame(
        {
            "article_id": [A1, A2, A3],
            "source_uri": ["a1.txt", "a2.txt", "a3.txt"],
            "url": [None, "https://example.org/a2", None],
            "title": ["Rakor Pilkada", "Rakor virtual", "Kampanye"],
            "outlet": [None, "example", None],
            "published_date": [dt.date(2020, 10, 3), None, dt.date(2020, 11, 1)],
            "text": [TEXT, TEXT, "Berita kampanye calon bupati."],
            "n_chars": [len(TEXT), len(TEXT), 29],
            "is_meeting_report": [True, True, False],
            "extractor_version": ["1"] * 3,
            "batch_id": ["b-test"] * 3,
        }
    )
    reports = pd.DataFrame(
        {
            "article_id": [A1, A2],
            "meeting_date": [dt.date(2020, 10, 2), None],
            "date_evidence": ["Jumat (2/10)", None],
            "title": ["Rakor Pilkada", "Rakor virtual"],
            "meeting_type": ["rakor", "rakor"],
            "mode": ["in_person", None],
            "venue": ["Pendopo", None],
            "convening_level": ["regency", "province"],
            "convening_region_code": ["35.14", None],
            "election_year": [2020, 2020],
        }
    )
    regions = pd.DataFrame(
        {
            "article_id": [A1, A1, A2],
            "region_code": ["35.14", "35", "51.03"],
            "role": ["venue", "attending", "convening"],
            "evidence_start": [28, 20, 28],
            "evidence_end": [46, 46, 46],
            "evidence": ["Kabupaten Pasuruan", "Pilkada di Kabupaten", "Kabupaten Pasuruan"],
        }
    )
    participants = pd.DataFrame(
        {
            "article_id": [A1, A1, A2],
            "seq": [0, 1, 0],
            "person_name": ["Budi", None, "Sari"],
            "position": ["Kapolres", "Bupati", "Ketua KPU"],
            "rank": ["AKBP", None, None],
            "institution": ["Polres Pasuruan", "Pemkab Pasuruan", "KPU Badung"],
            "institution_id": ["p1", "p2", "p3"],
            "institution_kind": ["Polri", "Pemda", "KPU"],
            "region_code": ["35.14", "35.14", None],
            "role": ["speaker", "chair", "attendee"],
            "evidence_start": [63, 0, 63],
            "evidence_end": [80, 5, 80],
            "evidence": ["Kapolres AKBP Bud", "Rapat", "Kapolres AKBP Bud"],
        }
    )
    directives = pd.DataFrame(
        {
            "article_id": [A1, A2],
            "seq": [0, 0],
            "issuer_name": ["Budi", None],
            "issuer_position": ["Kapolres", None],
            "issuer_institution_kind": ["Polri", None],
            "topic": ["security", "health_protocol"],
            "text": ["jaga keamanan", "patuhi protokol kesehatan"],
            "evidence_start": [0, 0],
            "evidence_end": [17, 17],
            "evidence": ["Rapat koordinasi ", "Rapat koordinasi "],
        }
    )
    return {
        "articles": articles,
        "meeting_reports": reports,
        "meeting_regions": regions,
        "participants": participants,
        "directives": directives,
    }


def n_expectations(*suites: str) -> int:
    return sum(len(read_suite(s)["expectations"]) for s in suites)


STAGED_SUITES = [
    "staged_articles", "staged_meeting_reports", "staged_meeting_regions",
    "staged_participants", "staged_directives", "batch",
]


def test_clean_batch_passes(gx_root: Path) -> None:
    result = gate(clean_batch(), batch_id="b-clean", params=PARAMS, gx_root=gx_root)
    assert result.success, result.message()
    assert result.failures == []
    assert result.suites == STAGED_SUITES
    assert "passed" in result.message()
    runs = result.dq_runs()
    assert len(runs) == 1
    assert runs.loc[0, "n_expectations"] == n_expectations(*STAGED_SUITES)
    assert runs.loc[0, "n_failed"] == 0 and bool(runs.loc[0, "success"])


def test_a_batch_without_regions_participants_or_directives_passes(gx_root: Path) -> None:
    # a batch of articles that name no region, person or directive: empty frames, whose added
    # article_n_chars column must still be a number for the evidence checks
    frames = clean_batch()
    for name in ("meeting_regions", "participants", "directives"):
        frames[name] = frames[name].iloc[0:0].copy()
    result = gate(frames, batch_id="b-empty-facts", params=PARAMS, gx_root=gx_root)
    assert result.success, result.message()


def test_datetime64_dates_are_checked_too(gx_root: Path) -> None:
    frames = clean_batch()
    reports = frames["meeting_reports"]
    reports["meeting_date"] = pd.to_datetime(pd.Series(["2020-10-02", "2031-01-05"]))
    frames["articles"]["published_date"] = pd.to_datetime(frames["articles"]["published_date"])
    result = gate(frames, batch_id="b-dt64", params=PARAMS, gx_root=gx_root)
    assert [(f.suite, f.column, f.action) for f in result.failures] == [
        ("staged_meeting_reports", "meeting_date", "warn")
    ]
    assert result.success  # field-level doubt: the value goes, the article loads
    assert result.frames["meeting_reports"]["meeting_date"].isna().tolist() == [False, True]
    assert result.warnings[["article_id", "column", "value", "action"]].values.tolist() == [
        [A2, "meeting_date", "2031-01-05", "set_null"]
    ]


def _bad_region(f: dict) -> None:
    f["meeting_regions"].loc[1, "region_code"] = "99.99"
    f["meeting_regions"].loc[2, "region_code"] = "00"


def _duplicate_key(f: dict) -> None:
    f["participants"].loc[1, "seq"] = 0


def _unknown_topic(f: dict) -> None:
    f["directives"].loc[1, "topic"] = "weather"


def _empty_evidence(f: dict) -> None:
    f["meeting_regions"].loc[0, "evidence"] = ""


def _future_meeting(f: dict) -> None:
    f["meeting_reports"].loc[1, "meeting_date"] = dt.date(2031, 3, 4)


def _orphan_participant(f: dict) -> None:
    f["participants"].loc[2, "article_id"] = "ffffffffffffffff"


def _duplicate_article(f: dict) -> None:
    f["articles"].loc[2, "article_id"] = A1
    f["articles"].loc[2, "is_meeting_report"] = True


BAD_BATCHES = [
    (_bad_region, "staged_meeting_regions", "expect_column_values_to_not_be_in_set",
     "region_code", ["99.99", "00"], 2),
    (_duplicate_key, "staged_participants", "expect_compound_columns_to_be_unique",
     "article_id,seq", [A1], 2),
    (_unknown_topic, "staged_directives", "expect_column_values_to_be_in_set", "topic",
     ["weather"], 1),
    (_orphan_participant, "staged_participants", "expect_column_values_to_not_be_in_set",
     "article_id", ["ffffffffffffffff"], 1),
    (_duplicate_article, "staged_articles", "expect_column_values_to_be_unique", "article_id",
     [A1], 2),
]


@pytest.mark.parametrize(("spoil", "suite", "expectation", "column", "values", "n_rows"),
                         BAD_BATCHES)
def test_bad_batch_fails_naming_suite_expectation_and_values(
    gx_root: Path, spoil, suite: str, expectation: str, column: str, values: list, n_rows: int
) -> None:
    frames = clean_batch()
    spoil(frames)
    result = gate(frames, batch_id="b-bad", params=PARAMS, gx_root=gx_root)
    assert not result.success
    assert [(f.suite, f.expectation_type, f.column) for f in result.failures] == [
        (suite, expectation, column)
    ]
    failure = result.failures[0]
    assert failure.unexpected_count == n_rows
    assert len(failure.rows) == n_rows  # example rows of the frame holding the bad values
    message = result.message()
    assert message.startswith(f"batch b-bad failed suite {suite}: {expectation}({column})")
    for value in values:
        assert repr(value) in message
    results = result.dq_results()
    assert len(results) == n_expectations(*STAGED_SUITES)
    failed = results[~results["success"]]
    assert failed[["suite", "expectation_type", "column"]].values.tolist() == [
        [suite, expectation, column]
    ]
    examples = failed["examples"].iloc[0]
    assert json.loads(examples) and all(json.dumps(v) in examples for v in values)


def test_dq_results_has_one_row_per_expectation(gx_root: Path) -> None:
    frames = clean_batch()
    _unknown_topic(frames)
    result = gate(frames, batch_id="b-dq", params=PARAMS, gx_root=gx_root)
    results = result.dq_results()
    assert list(results.columns) == [
        "run_id", "batch_id", "suite", "expectation_type", "column", "success",
        "unexpected_count", "element_count", "examples",
    ]
    assert not results.duplicated(["suite", "expectation_type", "column"]).any()  # table key
    per_suite = results.groupby("suite").size().to_dict()
    assert per_suite == {s: n_expectations(s) for s in STAGED_SUITES}
    assert (results["run_id"] == result.run_id).all()
    runs = result.dq_runs()
    assert runs.loc[0, "n_failed"] == (~results["success"]).sum() == 1
    topic = results[(results["suite"] == "staged_directives") & (results["column"] == "topic")]
    assert topic["element_count"].tolist() == [2, 2]  # not-null and vocabulary, 2 directives
    json.dumps(result.validation_json())  # serialisable


def test_missing_region_codes_is_an_error_not_a_silent_pass(gx_root: Path) -> None:
    with pytest.raises(ValueError, match="region_codes"):
        gate(clean_batch(), batch_id="b-noparams", params={}, gx_root=gx_root)


def test_batch_level_share_of_dated_reports(gx_root: Path) -> None:
    frames = clean_batch()
    n = 25  # the share is judged from 20 reports on
    ids = [hashlib.sha256(str(i).encode()).hexdigest()[:16] for i in range(n)]
    articles = pd.concat([frames["articles"].iloc[[0]]] * n, ignore_index=True)
    articles["article_id"] = ids
    reports = pd.concat([frames["meeting_reports"].iloc[[1]]] * n, ignore_index=True)
    reports["article_id"] = ids
    reports.loc[:4, "meeting_date"] = dt.date(2020, 10, 2)  # 5 of 25 dated
    regions = pd.DataFrame({"article_id": ids, "region_code": "35.14", "role": "venue",
                            "evidence_start": 28, "evidence_end": 46,
                            "evidence": "Kabupaten Pasuruan"})
    batch = {"articles": articles, "meeting_reports": reports, "meeting_regions": regions}
    result = gate(batch, batch_id="b-undated", params=PARAMS, gx_root=gx_root)
    assert [(f.suite, f.column, f.action) for f in result.failures] == [
        ("batch", "share_dated", "warn")
    ]
    assert result.success  # recorded, not a reason to stop the batch
    assert "[0.2]" in result.failures[0].describe("b-undated")
    failed = result.dq_results().query("not success")  # recorded all the same
    assert failed[["suite", "column"]].values.tolist() == [["batch", "share_dated"]]


def test_empty_evidence_sets_its_article_aside_with_every_row(gx_root: Path) -> None:
    frames = clean_batch()
    _empty_evidence(frames)  # A1's first meeting region
    result = gate(frames, batch_id="b-drop", params=PARAMS, gx_root=gx_root)
    assert result.success, result.message()
    assert result.set_aside[["article_id", "source_uri", "suite", "expectation", "column"]
                            ].values.tolist() == [
        [A1, "a1.txt", "staged_meeting_regions", "evidence.non_blank", "evidence"]
    ]  # fmt: skip
    assert "evidence has at least one non-space character" in result.set_aside["reason"][0]
    for name, frame in result.frames.items():
        assert A1 not in set(frame["article_id"]), name
        assert len(frame) == (frames[name]["article_id"] != A1).sum(), name
    assert "1 article set aside" in result.message()


def test_evidence_beyond_its_article_sets_the_article_aside(gx_root: Path) -> None:
    frames = clean_batch()
    participants = frames["participants"]
    row = participants.index[participants["article_id"] == A2][0]
    participants.loc[row, "evidence_end"] = len(TEXT) + 50
    result = gate(frames, batch_id="b-beyond", params=PARAMS, gx_root=gx_root)
    assert result.success, result.message()
    assert result.set_aside[["article_id", "expectation", "column", "value"]].values.tolist() == [
        [A2, "evidence_end.inside_text", "evidence_end", str(len(TEXT) + 50)]
    ]
    assert A2 not in set(result.frames["directives"]["article_id"])


def test_a_batch_whose_only_article_is_set_aside_is_not_an_empty_batch(gx_root: Path) -> None:
    articles = clean_batch()["articles"].iloc[[2]].reset_index(drop=True)
    articles.loc[0, "text"] = " \n "
    result = gate({"articles": articles}, batch_id="b-one", params=PARAMS, gx_root=gx_root)
    assert result.success, result.message()
    assert result.set_aside["article_id"].tolist() == [A3]
    assert result.frames["articles"].empty


def test_future_meeting_date_is_set_to_null_and_recorded(gx_root: Path) -> None:
    frames = clean_batch()
    _future_meeting(frames)
    result = gate(frames, batch_id="b-null", params=PARAMS, gx_root=gx_root)
    assert result.success and result.set_aside.empty
    assert result.frames["meeting_reports"]["meeting_date"].isna().tolist() == [False, True]
    assert frames["meeting_reports"]["meeting_date"].notna().all()  # the caller's frame as given
    assert result.warnings.values.tolist() == [
        [A2, "staged_meeting_reports", "meeting_date.range", "meeting_date", "2031-03-04",
         "set_null"]
    ]  # fmt: skip


def test_meeting_date_after_publication_is_set_to_null(gx_root: Path) -> None:
    frames = clean_batch()
    frames["meeting_reports"].loc[0, "meeting_date"] = dt.date(2020, 10, 9)
    frames["articles"].loc[0, "published_date"] = dt.date(2020, 10, 3)
    result = gate(frames, batch_id="b-late", params=PARAMS, gx_root=gx_root)
    assert result.success
    assert result.warnings[["article_id", "expectation", "value"]].values.tolist() == [
        [A1, "meeting_date.not_after_published", "2020-10-09"]
    ]
    assert pd.isna(result.frames["meeting_reports"]["meeting_date"][0])


def test_a_2014_meeting_preparing_the_2015_wave_passes(gx_root: Path) -> None:
    frames = clean_batch()
    frames["meeting_reports"].loc[0, "meeting_date"] = dt.date(2014, 11, 6)
    frames["meeting_reports"].loc[0, "election_year"] = 2015
    result = gate(frames, batch_id="b-2014", params=PARAMS, gx_root=gx_root)
    assert result.success and result.failures == [] and result.warnings.empty


def test_too_many_articles_set_aside_quarantine_the_batch(gx_root: Path) -> None:
    n = 100
    frames = clean_batch()
    ids = [hashlib.sha256(str(i).encode()).hexdigest()[:16] for i in range(n)]
    articles = pd.concat([frames["articles"].iloc[[2]]] * n, ignore_index=True)
    articles["article_id"] = ids
    articles.loc[:2, "text"] = "   "  # 3 of 100 blank: over the 2 % share
    result = gate({"articles": articles}, batch_id="b-many", params=PARAMS, gx_root=gx_root)
    assert not result.success
    assert [(f.suite, f.column, f.action) for f in result.batch_failures] == [
        ("batch", "share_dropped", "fail_batch")
    ]
    assert "[0.03]" in result.message()
    articles.loc[2, "text"] = "ok"  # 2 of 100: they are set aside, the rest loads
    result = gate({"articles": articles}, batch_id="b-few", params=PARAMS, gx_root=gx_root)
    assert result.success and len(result.frames["articles"]) == n - 2


def test_quarantine_writes_batch_and_reasons_and_never_overwrites(
    gx_root: Path, tmp_path: Path
) -> None:
    frames = clean_batch()
    _bad_region(frames)
    result = gate(frames, batch_id="b-20261123-0003", params=PARAMS, gx_root=gx_root)
    root = tmp_path / "quarantine"
    folder = quarantine(frames, result, root)
    assert folder == root / "b-20261123-0003"
    for name in frames:
        saved = pd.read_parquet(folder / f"{name}.parquet")
        assert len(saved) == len(frames[name])
    assert (folder / "batch.parquet").exists()
    assert (folder / "reason.txt").read_text(encoding="utf-8").strip() == result.message()
    validation = json.loads((folder / "validation.json").read_text(encoding="utf-8"))
    assert validation["success"] is False
    assert validation["results"]["staged_meeting_regions"]["success"] is False
    failures = json.loads((folder / "failures.json").read_text(encoding="utf-8"))
    assert failures[0]["suite"] == "staged_meeting_regions"
    assert {row["region_code"] for row in failures[0]["rows"]} == {"99.99", "00"}

    again = quarantine(frames, result, root)
    assert again == root / "b-20261123-0003-2"
    assert (folder / "reason.txt").exists()  # the first one is untouched


def test_quarantine_keeps_a_frame_whose_column_mixes_types(gx_root: Path, tmp_path: Path) -> None:
    frames = clean_batch()
    frames["meeting_reports"]["meeting_date"] = [dt.date(2020, 10, 2), "kemarin"]
    result = gate(frames, batch_id="b-mixed", params=PARAMS, gx_root=gx_root)
    assert not result.success
    folder = quarantine(frames, result, tmp_path)
    saved = pd.read_parquet(folder / "meeting_reports.parquet")
    assert saved["meeting_date"].tolist() == ["2020-10-02", "kemarin"]


def official_regions() -> pd.DataFrame:
    official = SHARED / "data" / "official"
    if not (official / "regions.csv").exists():
        pytest.skip(f"{official} is not present")
    regions = pd.read_csv(official / "regions.csv", dtype=str, keep_default_na=False)
    regions = regions.rename(columns={"code": "region_code"})
    regions["alt_names"] = regions["alt_names"].replace("", None)
    for year in (2020, 2024):
        held = set(pd.read_csv(official / f"pilkada_{year}.csv", dtype=str)["code"])
        regions[f"pilkada_{year}"] = regions["region_code"].isin(held)
    return regions


def test_official_regions_suite_passes_on_the_official_list(gx_root: Path) -> None:
    regions = official_regions()
    result = gate({"regions": regions}, batch_id="official", params={}, gx_root=gx_root)
    assert result.success, result.message()
    assert result.suites == ["official_regions"]
    assert len(result.dq_results()) == n_expectations("official_regions")


def test_official_regions_suite_catches_a_duplicate_code(gx_root: Path) -> None:
    regions = official_regions()
    regions = pd.concat([regions, regions[regions["region_code"] == "35.14"]], ignore_index=True)
    result = gate({"regions": regions}, batch_id="official-dup", params={}, gx_root=gx_root)
    assert [(f.expectation_type, f.column) for f in result.failures] == [
        ("expect_column_values_to_be_unique", "region_code")
    ]
    assert "'35.14'" in result.message()


def test_official_regions_suite_catches_an_unknown_province(gx_root: Path) -> None:
    regions = official_regions()
    regions.loc[regions["region_code"] == "35.14", "province_code"] = "99"
    result = gate({"regions": regions}, batch_id="official-prov", params={}, gx_root=gx_root)
    assert [(f.expectation_type, f.column) for f in result.failures] == [
        ("expect_column_values_to_not_be_in_set", "province_code")
    ]
    assert "['99']" in result.message()


def test_official_regions_suite_catches_37_provinces(gx_root: Path) -> None:
    regions = official_regions()
    regions = regions[regions["region_code"] != "51"]  # Bali
    result = gate({"regions": regions}, batch_id="official-37", params={}, gx_root=gx_root)
    failed = {(f.expectation_type, f.column): f for f in result.failures}
    count = failed[("expect_table_row_count_to_equal", None)]
    assert count.observed == 37
    assert "observed 37" in result.message()
    assert failed[("expect_column_values_to_not_be_in_set", "province_code")].examples == ["51"]


def test_data_docs_build(gx_root: Path, tmp_path: Path) -> None:
    gate(clean_batch(), batch_id="b-docs", params=PARAMS, gx_root=gx_root)
    index = build_data_docs(gx_root, tmp_path / "data_docs")
    assert index == tmp_path / "data_docs" / "index.html"
    html = index.read_text(encoding="utf-8")
    assert "staged_participants" in html
    assert list((tmp_path / "data_docs" / "validations").rglob("*.html"))


def test_suites_are_committed_stable_and_untouched_by_the_gate(gx_root: Path) -> None:
    check = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "write_suites.py"), "--check"],
        capture_output=True, text=True, check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    files = {p.name: p.read_bytes() for p in EXPECTATIONS_DIR.glob("*.json")}
    assert set(files) == {f"{s}.json" for s in FRAME_SUITES.values()}
    gate(clean_batch(), batch_id="b-stable", params=PARAMS, gx_root=gx_root)
    assert {p.name: p.read_bytes() for p in EXPECTATIONS_DIR.glob("*.json")} == files
    for name in FRAME_SUITES.values():
        doc = read_suite(name)
        assert doc["name"] == name and doc["id"]
        assert all(e["id"] and e["meta"]["rule"] for e in doc["expectations"])


def design_vocabularies() -> dict[str, list[str]]:
    design = SHARED / "DESIGN.md"
    if not design.exists():
        pytest.skip(f"{design} is not present")
    section = design.read_text(encoding="utf-8").split("## Vocabularies", 1)[1].split("\n## ")[0]
    items = re.split(r"\n- (?=`)", "\n" + section)
    vocab = {}
    for item in items:
        names = re.findall(r"`([^`]+)`", item)
        if len(names) > 1:
            vocab[names[0]] = names[1:]
    return vocab


def test_suite_vocabularies_are_those_of_design_md() -> None:
    vocab = design_vocabularies()

    def value_set(suite: str, column: str) -> list[str]:
        (exp,) = [
            e for e in read_suite(suite)["expectations"]
            if e["type"] == "expect_column_values_to_be_in_set" and e["kwargs"]["column"] == column
        ]
        return exp["kwargs"]["value_set"]

    assert value_set("staged_meeting_reports", "mode") == vocab["mode"]
    assert value_set("staged_meeting_reports", "convening_level") == vocab["convening_level"]
    assert value_set("staged_meeting_regions", "role") == vocab["meeting_regions.role"]
    assert value_set("staged_participants", "role") == vocab["participants.role"]
    assert value_set("staged_participants", "institution_kind") == vocab["institution_kind"]
    assert value_set("staged_directives", "issuer_institution_kind") == vocab["institution_kind"]
    assert value_set("staged_directives", "topic") == vocab["directives.topic"]


def test_gate_survives_another_process_resaving_the_suites(gx_root: Path) -> None:
    assert gate(clean_batch(), batch_id="b-before", params=PARAMS, gx_root=gx_root).success
    script = (
        "import sys, great_expectations as gx;"
        "from great_expectations.core import ExpectationSuite;"
        "from pilkada.quality import read_suite;"
        "ctx = gx.get_context(mode='file', project_root_dir=sys.argv[1]);"
        "ctx.suites.add_or_update(ExpectationSuite(**read_suite('staged_articles')))"
    )
    subprocess.run([sys.executable, "-c", script, str(gx_root)], check=True, timeout=120)
    assert gate(clean_batch(), batch_id="b-after", params=PARAMS, gx_root=gx_root).success
