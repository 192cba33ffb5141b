"""The lineage table of docs/ARCHITECTURE.md cannot drift, and sql/ keeps its layout: each table
filled by a file named after it, every file opening with grain, key and source, every INSERT
naming its columns (issue #14)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from pilkada.load import warehouse as wh
from pilkada.report import describe
from pilkada.settings import REPO_DIR, SQL_DIR

ARCHITECTURE = REPO_DIR / "docs" / "ARCHITECTURE.md"
START, END = "<!-- lineage:start", "<!-- lineage:end -->"
ROW = re.compile(r"^\| `(\w+)\.(\w+)` \|(.*)\|\s*$")
LINK = re.compile(r"\]\(\.\./([^)]+)\)")
PYTHON = re.compile(r"`(pilkada(?:\.\w+)+)`")
LAYERS = ("staging", "core", "load", "settle", "views")


def _section() -> str:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    assert "\n## Lineage\n" in text, "docs/ARCHITECTURE.md has no Lineage section"
    start = text.index(START)
    return text[text.index("\n", start) + 1 : text.index(END)]


def _rows() -> dict[tuple[str, str], str]:
    rows = {}
    for line in _section().splitlines():
        match = ROW.match(line)
        if match:
            rows[match.group(1), match.group(2)] = match.group(3)
    return rows


def _view_columns(tmp_path: Path) -> set[tuple[str, str]]:
    """(view, column) of the lineage views, as a new warehouse's schema defines them."""
    path = tmp_path / "w.duckdb"
    con = wh.connect(path)
    try:
        wh.ensure_schema(con, path)
        rows = con.execute(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_name IN (SELECT unnest(?::VARCHAR[]))",
            [list(describe.LINEAGE_VIEWS)],
        ).fetchall()
    finally:
        con.close()
    return set(rows)


def _defines(tree: ast.AST, names: list[str]) -> bool:
    """Whether a module's tree defines the dotted `names` (function, class, method, import)."""
    if not names:
        return True
    for node in getattr(tree, "body", []):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            if node.name == names[0]:
                return _defines(node, names[1:])
        elif (
            isinstance(node, ast.Import | ast.ImportFrom)
            and len(names) == 1
            and any((a.asname or a.name) == names[0] for a in node.names)
        ):
            return True
    return False


def defined(dotted: str) -> bool:
    """Whether `pilkada.x.y.function` names a module file of the repository that defines it."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        base = REPO_DIR.joinpath(*parts[:cut])
        for file in (base.with_suffix(".py"), base / "__init__.py"):
            if file.is_file():
                return _defines(ast.parse(file.read_text(encoding="utf-8")), parts[cut:])
    return False


def test_every_public_column_of_the_three_views_is_listed(tmp_path):
    columns = _view_columns(tmp_path)
    assert {view for view, _ in columns} == set(describe.LINEAGE_VIEWS)
    listed = set(_rows())
    assert columns - listed == set(), "columns missing from the Lineage table"
    assert listed - columns == set(), "the Lineage table lists columns the views do not have"


def test_every_file_and_function_it_names_exists():
    rows = _rows()
    assert rows
    for (view, column), cells in rows.items():
        where = f"{view}.{column}"
        files = LINK.findall(cells)
        assert f"sql/views/{view}.sql" in files, where
        assert any(re.match(r"sql/(load|settle)/\d\d_\w+\.sql$", f) for f in files), where
        for file in files:
            assert (REPO_DIR / file).is_file(), f"{where}: {file} does not exist"
        functions = PYTHON.findall(cells)
        assert functions, f"{where}: names no Python function"
        for function in functions:
            assert defined(function), f"{where}: {function} is not defined"


def test_the_table_is_the_one_the_dictionary_gives():
    assert _section() == describe.lineage_markdown(), (
        "docs/ARCHITECTURE.md's lineage table is stale: replace it with the output of python -c"
        " \"from pilkada.report import describe; print(describe.lineage_markdown(), end='')\""
    )


def test_the_checker_finds_what_is_not_defined():
    assert defined("pilkada.report.describe.lineage_markdown")
    assert defined("pilkada.report.dictionary.View")
    assert not defined("pilkada.report.dictionary.no_such_function")
    assert not defined("pilkada.no_such_module.load")


def _tables() -> list[str]:
    return [f.stem for f in wh.sql_files("core")]


@pytest.mark.parametrize("table", _tables())
def test_each_table_is_filled_by_a_file_named_after_it(table):
    fills = [f for layer in ("load", "settle") for f in wh.sql_files(layer)]
    named = [f for f in fills if re.fullmatch(rf"\d\d_{table}", f.stem)]
    if table == "dim_article":  # its text table, article_text, is declared in the same file
        named += [f for f in fills if f.stem.endswith("_article_text")]
    assert named, f"no sql/load/NN_{table}.sql or sql/settle/NN_{table}.sql"
    for file in named:
        sql = file.read_text(encoding="utf-8")
        assert re.search(rf"INSERT INTO ({table}|article_text) \(", sql), file.name
        core = (SQL_DIR / "core" / f"{table}.sql").read_text(encoding="utf-8")
        assert f"sql/{file.parent.name}/{file.name}" in core, f"core/{table}.sql names no fill"


def test_every_file_opens_with_grain_key_and_source():
    for layer in LAYERS:
        for file in wh.sql_files(layer):
            header = []
            for line in file.read_text(encoding="utf-8").splitlines():
                if not line.startswith("--"):
                    break
                header.append(line)
            text = " ".join(header)
            where = f"sql/{layer}/{file.name}"
            assert header, f"{where} has no header comment"
            if file.stem != "25_replace_touched":  # deletes from every table, builds none
                assert "Grain" in text and re.search(r"\b[Kk]ey\b", text), where
                assert re.search(r"Rows from|Filled by", text), where


def test_no_insert_selects_star_or_relies_on_column_order():
    for file in SQL_DIR.rglob("*.sql"):
        sql = "\n".join(
            line
            for line in file.read_text(encoding="utf-8").splitlines()
            if not line.lstrip().startswith("--")
        )
        for insert in re.finditer(r"INSERT\s+(?:OR\s+REPLACE\s+)?INTO\s+(\w+)\s*(\S)", sql):
            where = f"{file.relative_to(SQL_DIR)}: INSERT INTO {insert.group(1)}"
            assert insert.group(2) == "(", f"{where} lists no columns"
        if "INSERT" in sql:
            assert not re.search(r"SELECT\s+(\w+\.)?\*", sql), f"{file.name} selects *"


def test_every_function_the_sql_files_name_is_defined():
    """The headers of sql/ name the Python that makes their rows; a moved module shows here."""
    for file in SQL_DIR.rglob("*.sql"):
        for dotted in set(re.findall(r"\bpilkada(?:\.\w+)+", file.read_text(encoding="utf-8"))):
            assert defined(dotted), f"{file.relative_to(SQL_DIR)}: {dotted} is not defined"
