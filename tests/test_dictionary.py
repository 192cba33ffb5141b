"""The data dictionary cannot drift: every public column is described, in the warehouse as
DuckDB comments, in `pilkada describe` and in docs/data-dictionary.md, from one YAML file."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
import yaml
from conftest import shared_path
from typer.testing import CliRunner

from pilkada.cli import app
from pilkada.load import warehouse as wh
from pilkada.report import describe, dictionary
from pilkada.settings import LEXICON_DIR, REPO_DIR

runner = CliRunner()


def undocumented(con) -> list[str]:
    """`view` or `view.column` of every user view or view column without a comment."""
    rows = con.execute(
        "SELECT view_name, NULL FROM duckdb_views()"
        " WHERE NOT internal AND coalesce(trim(comment), '') = ''"
        " UNION ALL SELECT table_name, column_name FROM duckdb_columns()"
        " WHERE table_name IN (SELECT view_name FROM duckdb_views() WHERE NOT internal)"
        " AND coalesce(trim(comment), '') = '' ORDER BY 1, 2 NULLS FIRST"
    ).fetchall()
    return [view if column is None else f"{view}.{column}" for view, column in rows]


def _new_warehouse(path: Path):
    con = wh.connect(path)
    wh.ensure_schema(con, path)
    return con


def test_every_public_view_and_column_has_a_comment(tmp_path):
    path = tmp_path / "w.duckdb"
    _new_warehouse(path).close()
    con = wh.connect(path, read_only=True)  # comments are stored in the file
    try:
        assert undocumented(con) == []
        views = con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()
        assert {v[0] for v in views} == set(dictionary.view_names())
        comment = con.execute(
            "SELECT comment FROM duckdb_columns() WHERE table_name = 'meetings'"
            " AND column_name = 'mode'"
        ).fetchone()[0]
    finally:
        con.close()
    assert "How participants met" in comment
    assert "Values: in_person, virtual, hybrid." in comment
    assert "sql/settle/30_fact_meeting.sql" in comment


def test_comments_survive_the_schema_step_of_every_run(tmp_path):
    path = tmp_path / "w.duckdb"
    con = _new_warehouse(path)
    wh.ensure_schema(con, path)  # a second run re-creates the views (dropping comments)
    assert undocumented(con) == []
    con.close()


def test_a_column_missing_from_the_yaml_is_caught(tmp_path):
    data = yaml.safe_load(dictionary.SOURCE.read_text(encoding="utf-8"))
    del data["views"]["participants"]["columns"]["rank"]
    source = tmp_path / "dictionary.yaml"
    source.write_text(yaml.safe_dump(data), encoding="utf-8")
    con = wh.connect(tmp_path / "w.duckdb")
    for file in wh.sql_files("core") + wh.sql_files("views"):
        con.execute(file.read_text(encoding="utf-8"))
    con.execute(dictionary.comment_sql(dictionary.load(source)))
    assert undocumented(con) == ["participants.rank"]
    con.close()


def test_a_blank_description_is_refused(tmp_path):
    data = yaml.safe_load(dictionary.SOURCE.read_text(encoding="utf-8"))
    data["views"]["regions"]["columns"]["name"]["description"] = "  "
    source = tmp_path / "dictionary.yaml"
    source.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ValueError, match="regions.name has no description"):
        dictionary.load(source)


def test_yaml_lists_only_real_columns_with_descriptions():
    types = describe.schema_types()
    for view in dictionary.load():
        documented = {c.name for c in view.columns}
        assert documented == set(types[view.name]), view.name
        for col in view.columns:
            assert len(col.description) > 10, f"{view.name}.{col.name}"


def _resolve(dotted: str) -> object:
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            obj = getattr(obj, attr)
        return obj
    raise ImportError(dotted)


def test_every_origin_names_a_file_and_function_that_exist():
    for view in dictionary.load():
        for col in view.columns:
            where = f"{view.name}.{col.name}"
            assert (REPO_DIR / col.origin["sql"]).is_file(), where
            assert callable(_resolve(col.origin["python"])), where
            if "lexicon" in col.origin:
                assert (LEXICON_DIR / col.origin["lexicon"]).is_file(), where
            # the SQL file really writes the view's underlying table
            sql = (REPO_DIR / col.origin["sql"]).read_text(encoding="utf-8")
            assert re.search(r"INSERT INTO \w+", sql), where


def test_vocabularies_are_the_value_sets_the_gate_enforces():
    cols = {(v.name, c.name): c for v in dictionary.load() for c in v.columns}
    assert cols["directives", "topic"].vocabulary_source == "expectations/staged_directives.json"
    assert "asn_neutrality" in cols["directives", "topic"].vocabulary
    assert cols["meeting_regions", "role"].vocabulary == ("venue", "convening", "attending")
    assert "Tokoh Masyarakat" in cols["participants", "institution_kind"].vocabulary
    assert "rakornas" in cols["meetings", "meeting_type"].vocabulary
    assert not any(
        re.search(r"\b(in_person|asn_neutrality)\b", line)
        for line in dictionary.SOURCE.read_text(encoding="utf-8").splitlines()
        if not line.lstrip().startswith("#")
    ), "a vocabulary was copied into the YAML"


def test_design_contract_columns_are_all_described():
    design = shared_path("DESIGN.md").read_text(encoding="utf-8")
    cols = {(v.name, c.name) for v in dictionary.load() for c in v.columns}
    rows = re.findall(r"^\| `(\w+)` \| ([\w, ]+) \|$", design, flags=re.M)
    assert len(rows) == 7
    for view, columns in rows:
        for column in columns.split(","):
            assert (view, column.strip()) in cols, f"{view}.{column.strip()} not in the dictionary"


def test_data_dictionary_document_is_not_stale():
    document = (REPO_DIR / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert document == describe.markdown(), (
        "docs/data-dictionary.md is stale: run"
        " `.venv/bin/pilkada describe --markdown > docs/data-dictionary.md`"
    )


@pytest.fixture
def wide(monkeypatch):
    from pilkada import cli

    monkeypatch.setattr(cli.console, "width", 250)


def test_describe_lists_only_the_public_views(wide):
    result = runner.invoke(app, ["describe"])
    assert result.exit_code == 0, result.output
    listed = re.findall(r"^│ (\w+)\s+│", result.output, flags=re.M)
    assert listed == dictionary.view_names()
    assert "dim_article" not in result.output and "load_batches" not in result.output


def test_describe_one_view_shows_each_column_type_and_values(wide):
    result = runner.invoke(app, ["describe", "MEETINGS"])
    assert result.exit_code == 0, result.output
    for col in describe.find_view("meetings").columns:
        assert re.search(rf"^│ {col.name}\s+│ {col.data_type}\s", result.output, flags=re.M)
    assert "in_person, virtual, hybrid" in result.output


def test_describe_an_unknown_view_fails_naming_the_views():
    result = runner.invoke(app, ["describe", "dim_article"])
    assert result.exit_code == 2
    assert "no public view 'dim_article'" in result.output
    assert "meeting_regions" in result.output


def test_describe_markdown_is_the_document():
    result = runner.invoke(app, ["describe", "--markdown"])
    assert result.exit_code == 0
    assert result.stdout == describe.markdown()


@pytest.mark.parametrize("view", ["participants", "directives", "meeting_regions"])
def test_evidence_columns_say_where_offsets_point(view):
    col = {c.name: c for c in describe.find_view(view).columns}
    assert "offset" in col["evidence_start"].description
    assert "normalized text" in col["evidence_start"].description
