"""Every lexicon file loads, says where it came from, and uses the DESIGN.md vocabularies."""

from __future__ import annotations

import csv
import re
from importlib import resources
from pathlib import Path

import pytest
import yaml

from pilkada import vocabularies
from pilkada.extract.lexicons import load_lexicons, read_csv, read_text

SHARED = Path(__file__).resolve().parents[2] / "shared"
KINDS = set(vocabularies.values("institution_kind"))
TOPICS = set(vocabularies.values("topic"))
LEVELS = set(vocabularies.values("convening_level"))
CODE_RE = re.compile(r"^\d{2}(\.\d{2})?$")


def lexicon_files() -> list[str]:
    root = resources.files("pilkada.lexicons")
    return sorted(p.name for p in root.iterdir() if p.name.endswith((".yaml", ".csv")))


def test_there_are_lexicons():
    assert {"positions.csv", "topics.yaml", "boilerplate.yaml", "landmarks.csv"} <= set(
        lexicon_files()
    )


@pytest.mark.parametrize("name", lexicon_files())
def test_each_file_loads_and_says_where_it_came_from(name):
    text = read_text(name)
    assert text.startswith("#"), f"{name} must open with a comment on its source"
    assert "source" in text.split("\n\n")[0].lower() or "compiled" in text.lower()
    if name.endswith(".yaml"):
        assert isinstance(yaml.safe_load(text), dict)
    else:
        rows = read_csv(name)
        assert rows, f"{name} has no rows"
        header = next(csv.reader([line for line in text.splitlines() if not line.startswith("#")]))
        assert all(set(row) == set(header) for row in rows)


def test_positions_use_the_kind_vocabulary():
    rows = read_csv("positions.csv")
    for row in rows:
        assert row["kind"] in KINDS | {"collective", "place"}, row
        assert row["level"] in LEVELS | {""}, row
        assert row["case"] in {"any", "cap", "exact", "needs_region"}, row
    phrases = [r["phrase"].lower() for r in rows]
    assert len(phrases) == len(set(phrases)), "a phrase is listed twice"
    kinds = {r["phrase"]: r["kind"] for r in rows}
    assert kinds["Kapolres"] == "Polri" and kinds["Dandim"] == "TNI"
    assert kinds["Kabinda"] == "BIN" and kinds["Satpol PP"] == "Pemda"


def test_topics_and_meeting_types_use_the_vocabularies():
    lex = load_lexicons()
    assert set(lex.topics["topics"]) <= TOPICS
    for groups in lex.topics["topics"].values():
        assert set(groups) <= {"strong", "weak"}
        assert all(isinstance(w, str) and w for ws in groups.values() for w in ws)
    assert all(words for words in lex.meeting["meeting_types"].values())
    assert set(lex.modes) == set(vocabularies.values("mode"))


def test_calendar_is_complete():
    cal = load_lexicons().calendar
    assert sorted(cal["weekdays"]) == list(range(7))
    assert sorted(cal["months"]) == list(range(1, 13))


@pytest.mark.parametrize("name,column", [
    ("province_short_forms.csv", "region_code"),
    ("regency_abbreviations.csv", "region_code"),
    ("landmarks.csv", "region_code"),
])
def test_region_codes_are_well_formed_and_official(name, column):
    rows = read_csv(name)
    assert all(CODE_RE.match(r[column]) for r in rows), name
    regions = SHARED / "data" / "official" / "regions.csv"
    if not regions.exists():
        pytest.skip("../shared is absent")
    with regions.open(encoding="utf-8") as handle:
        official = {r["code"] for r in csv.DictReader(handle)}
    missing = [r for r in rows if r[column] not in official]
    assert not missing, f"{name}: codes not in the official list: {missing}"


def test_boilerplate_patterns_compile():
    lex = load_lexicons().boilerplate
    for pattern in lex["line_starts"] + lex["link_list_starts"]:
        re.compile(pattern)
