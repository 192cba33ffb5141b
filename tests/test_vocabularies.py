"""One source for every vocabulary and calendar (pilkada.vocabularies): the suites, dedup,
extraction, the report, feeds and dim_date read it, and no copy of it comes back."""

from __future__ import annotations

import ast
import datetime as dt
import email.utils
import importlib
import json
import pkgutil
import re
from pathlib import Path

import duckdb
import pytest

from pilkada import vocabularies
from pilkada.extract.lexicons import load_lexicons, read_csv
from pilkada.settings import EXPECTATIONS_DIR

REPO = Path(__file__).resolve().parents[1]
# The suites' value sets, (suite, column) -> the vocabulary they must equal.
SUITE_VOCABULARIES = {
    ("official_regions", "level"): "region_level",
    ("staged_meeting_reports", "mode"): "mode",
    ("staged_meeting_reports", "convening_level"): "convening_level",
    ("staged_meeting_regions", "role"): "meeting_region_role",
    ("staged_participants", "role"): "participant_role",
    ("staged_participants", "institution_kind"): "institution_kind",
    ("staged_directives", "topic"): "topic",
    ("staged_directives", "issuer_institution_kind"): "institution_kind",
}
CALENDAR = ("weekday", "month")


def value_sets() -> dict[tuple[str, str], list]:
    """(suite, column) -> value_set of every `expect_column_values_to_be_in_set` in the suites."""
    found = {}
    for path in sorted(EXPECTATIONS_DIR.glob("*.json")):
        suite = json.loads(path.read_text(encoding="utf-8"))
        for exp in suite["expectations"]:
            if exp["type"] == "expect_column_values_to_be_in_set":
                found[suite["name"], exp["kwargs"]["column"]] = exp["kwargs"]["value_set"]
    return found


def test_the_suites_value_sets_are_the_vocabularies():
    found = value_sets()
    assert found.pop(("staged_meeting_reports", "election_year")) == list(
        vocabularies.election_years()
    )
    assert set(found) == set(SUITE_VOCABULARIES), "a value set without its vocabulary here"
    for key, name in SUITE_VOCABULARIES.items():
        assert found[key] == list(vocabularies.values(name)), key


def test_vocabularies_are_the_contract():
    assert vocabularies.values("mode") == ("in_person", "virtual", "hybrid")
    assert len(vocabularies.values("institution_kind")) == 16
    assert len(vocabularies.values("topic")) == 12
    for name in vocabularies.names():
        values = vocabularies.values(name)
        assert values and len(set(values)) == len(values), name
    with pytest.raises(KeyError, match="no vocabulary 'moods'"):
        vocabularies.values("moods")


def test_lexicons_use_the_vocabularies():
    lex = load_lexicons()
    assert set(lex.modes) == set(vocabularies.values("mode"))
    assert set(lex.topics["topics"]) == set(vocabularies.values("topic")) - {"other"}
    kinds = set(vocabularies.values("institution_kind"))
    assert {r["kind"] for r in read_csv("positions.csv")} <= kinds | {"collective", "place"}


def test_rules_read_their_kind_groups_and_types_from_the_source():
    from pilkada.extract import meeting, participants, regions
    from pilkada.load import match_scores as dedup

    group = vocabularies.institution_group
    assert dedup.NATIONAL_KINDS == group("national_ministry") == {"Kemendagri", "Kemenko Polhukam"}
    assert group("national_convener") == dedup.NATIONAL_CONVENERS
    assert group("national_only") == meeting._NATIONAL_KINDS
    assert participants.SECURITY_KINDS == regions.SECURITY_KINDS == group("security")
    assert set(vocabularies.values("meeting_type")) >= dedup.NATIONAL_TYPES
    assert set(participants.ROLE_RANK) == set(vocabularies.values("participant_role"))


def test_report_labels_cover_every_value():
    import pilkada.report

    labels = {}
    for info in pkgutil.iter_modules(pilkada.report.__path__):  # wherever the report keeps them
        module = importlib.import_module(f"pilkada.report.{info.name}")
        for name in ("TOPIC_LABELS", "MODE_LABELS"):
            if hasattr(module, name):
                labels[name] = getattr(module, name)
    assert list(labels["TOPIC_LABELS"]) == list(vocabularies.values("topic"))
    assert labels["TOPIC_LABELS"] == vocabularies.labels("topic")
    assert labels["MODE_LABELS"] == vocabularies.labels("mode")


def test_calendar():
    assert vocabularies.weekday_names()[dt.date(2024, 10, 14).weekday()] == "Senin"
    assert vocabularies.month_names()[1] == "Februari" and len(vocabularies.month_names()) == 12
    words = vocabularies.month_words()
    assert words["agustus"] == words["agt"] == words["aug"] == 8 and words["nopember"] == 11
    for month, abbr in enumerate(vocabularies.rfc822_months(), start=1):
        assert email.utils.parsedate_to_datetime(f"1 {abbr} 2020 00:00 +0000").month == month
    days = vocabularies.election_days()
    assert days[2020] == dt.date(2020, 12, 9) and days[2020].weekday() == 2  # a Wednesday
    assert vocabularies.election_years() == (*days, 2029)


def test_feeds_read_indonesian_months_from_the_calendar():
    from pilkada.sources.feeds import parse_date

    assert parse_date("Sen, 14 Okt 2024 08:00:00 +0700") == dt.date(2024, 10, 14)
    assert parse_date("Kamis, 27 Pebruari 2020 10:00:00 +0700") == dt.date(2020, 2, 27)


def test_dim_date_names_days_from_the_calendar(tmp_path):
    from pilkada.load.warehouse import LOAD_PARAMETERS, sql_file

    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute(sql_file("core", "dim_date.sql"))
    con.execute("CREATE TABLE stg_meeting_reports (meeting_date DATE)")
    con.execute("CREATE TABLE stg_articles (published_date DATE)")
    week = [dt.date(2024, 10, 14) + dt.timedelta(days=i) for i in range(7)]
    con.executemany("INSERT INTO stg_articles VALUES (?)", [[d] for d in week])
    (name,) = [n for n in LOAD_PARAMETERS if "dim_date" in n]  # the SQL that fills dim_date
    con.execute(sql_file("load", f"{name}.sql"), LOAD_PARAMETERS[name])
    rows = dict(con.execute("SELECT date, hari FROM dim_date").fetchall())
    assert rows == {d: vocabularies.weekday_names()[d.weekday()] for d in week}
    assert rows[dt.date(2024, 10, 18)] == "Jumat"


# --- no copy comes back ------------------------------------------------------------------------


def _vocabulary_sets() -> dict[str, set[str]]:
    sets = {name: set(vocabularies.values(name)) for name in vocabularies.names()}
    sets["weekday"] = set(vocabularies.weekday_names())
    sets["month"] = set(vocabularies.month_names())
    return sets


def _strings(node: ast.AST) -> list[str] | None:
    """The strings of a list/tuple/set literal of constants (also inside frozenset(...)/set(...)),
    or of a dict literal's keys; None when it is not such a literal."""
    if isinstance(node, ast.Call) and node.args and not node.keywords and len(node.args) == 1:
        node = node.args[0]
    elts = node.keys if isinstance(node, ast.Dict) else getattr(node, "elts", None)
    if not isinstance(node, (ast.List, ast.Tuple, ast.Set, ast.Dict)) or not elts:
        return None
    if not all(isinstance(e, ast.Constant) for e in elts):
        return None
    return [e.value for e in elts if isinstance(e.value, str)]


def copies_in(source: str, sets: dict[str, set[str]]) -> list[str]:
    """Constants of a module that copy a vocabulary: a name bound to a literal holding 80% or
    more of a vocabulary's values, or three or more weekday or month names in any case (dicts
    count for the calendar only: data keyed by topic or kind is not a copy), or a string naming
    three or more weekdays or months (docstrings, which give examples, aside)."""
    found = []
    tree = ast.parse(source)
    docstrings = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            strings = _strings(node.value)
            for name, values in sets.items():
                if strings is None:
                    continue
                if name in CALENDAR:
                    lower = {v.lower() for v in values}
                    enough = len({s for s in strings if s.lower() in lower}) >= 3
                else:
                    hits = {s for s in strings if s in values}
                    enough = not isinstance(node.value, ast.Dict) and len(hits) >= max(
                        3, 0.8 * len(values)
                    )
                if enough:
                    found.append(f"line {node.lineno}: a copy of the {name} vocabulary")
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and (
            id(node) not in docstrings
        ):
            for name in CALENDAR:
                named = {v for v in sets[name] if re.search(rf"(?i)\b{v}\b", node.value)}
                if len(named) >= 3:
                    found.append(f"line {node.lineno}: {name} names {sorted(named)} in a string")
    return found


def test_the_copy_finder_finds_copies():
    sets = _vocabulary_sets()
    assert copies_in('MODES = ["in_person", "virtual", "hybrid"]', sets)
    assert copies_in('MODES = {"in_person", "virtual", "hybrid", None}', sets)
    assert copies_in("K = frozenset({'KPU', 'Bawaslu', 'DKPP', 'Polri', 'TNI', 'Kejaksaan', "
                     "'BIN', 'Pemda', 'DPRD', 'Kemendagri', 'Kemenko Polhukam', 'Parpol', "
                     "'Satgas Covid-19', 'Pengadilan', 'Tokoh Masyarakat', 'Other'})", sets)
    assert copies_in('M = {"januari": "Jan", "februari": "Feb", "maret": "Mar"}', sets)
    assert copies_in('W = frozenset({"senin", "selasa", "rabu", "kamis"})', sets)
    assert copies_in('D = re.compile(r"(Senin|Selasa|Rabu|Kamis)")', sets)
    assert not copies_in('AFFINITY = {"TNI": ("security", "coordination")}', sets)
    assert not copies_in('T = "Rakor digelar Senin (5/8/2024)."', sets)
    assert not copies_in('def f():\n    """Senin, Selasa atau Rabu."""', sets)


def _repository_sources() -> list[Path]:
    files = [
        p
        for folder in ("pilkada", "flows", "scripts", "benchmarks", "tests", "sql")
        for p in (REPO / folder).rglob("*")
        if p.suffix in (".py", ".sql", ".j2") and ".venv" not in p.parts
    ]
    return sorted(files)


def test_no_copy_of_a_vocabulary_outside_its_source():
    sets = _vocabulary_sets()
    found = []
    for path in _repository_sources():
        rel = path.relative_to(REPO).as_posix()
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".py":
            if path.name == "test_vocabularies.py":
                continue
            found += [f"{rel} {what}" for what in copies_in(text, sets)]
        else:  # SQL and templates: three quoted weekday or month names are a list of them
            for name in ("weekday", "month"):
                quoted = {v for v in sets[name] if re.search(rf"['\"]{v}['\"]", text)}
                if len(quoted) >= 3:
                    found.append(f"{rel}: {name} names {sorted(quoted)}")
    assert not found, "vocabularies copied (read pilkada.vocabularies instead):\n" + "\n".join(
        found
    )
