"""The data dictionary of the public views: one source (`dictionary.yaml`), three outputs.

`comment_sql()` gives the `COMMENT ON VIEW` / `COMMENT ON COLUMN` statements the schema step
applies, `describe_rows()` feeds `pilkada describe`, and `markdown()` writes
`docs/data-dictionary.md`. Vocabularies are not copied into the YAML: they are read from where
they are kept (the value sets the quality-gate suites enforce, or a lexicon's keys).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import yaml

from pilkada import settings

SOURCE = Path(__file__).resolve().parent / "dictionary.yaml"
DOCUMENT = settings.REPO_DIR / "docs" / "data-dictionary.md"


@dataclass(frozen=True)
class Column:
    """One column of a public view."""

    name: str
    description: str
    vocabulary: tuple[str, ...] = ()
    vocabulary_source: str = ""
    origin: dict[str, str] = field(default_factory=dict)
    data_type: str = ""

    def origin_text(self) -> str:
        """`sql/... <- pilkada.x.y (lexicon f.csv)`: which file fills it, what produces it."""
        text = self.origin.get("sql", "")
        if "python" in self.origin:
            text += f" <- {self.origin['python']}"
        if "lexicon" in self.origin:
            text += f" (lexicon {self.origin['lexicon']})"
        return text

    def comment(self) -> str:
        """The column's COMMENT: meaning, allowed values, origin."""
        parts = [self.description]
        if self.vocabulary:
            parts.append(f"Values: {', '.join(self.vocabulary)}.")
        parts.append(f"Origin: {self.origin_text()}.")
        return " ".join(parts)


@dataclass(frozen=True)
class View:
    """One public view and its columns, in the view's column order."""

    name: str
    description: str
    columns: tuple[Column, ...]


def vocabulary_of(spec: dict[str, str]) -> tuple[tuple[str, ...], str]:
    """The allowed values named by a `vocabulary:` entry, and where they were read."""
    if "suite" in spec:
        path = settings.EXPECTATIONS_DIR / f"{spec['suite']}.json"
        suite = json.loads(path.read_text(encoding="utf-8"))
        for exp in suite["expectations"]:
            kwargs = exp.get("kwargs", {})
            if (
                exp.get("type") == "expect_column_values_to_be_in_set"
                and kwargs.get("column") == spec["column"]
                and isinstance(kwargs.get("value_set"), list)
            ):
                source = f"expectations/{spec['suite']}.json"
                return tuple(str(v) for v in kwargs["value_set"]), source
        raise ValueError(f"{path}: no value set for column {spec['column']!r}")
    if "lexicon" in spec:
        data = yaml.safe_load((settings.LEXICON_DIR / spec["lexicon"]).read_text(encoding="utf-8"))
        source = f"pilkada/lexicons/{spec['lexicon']}"
        return tuple(str(k) for k in data[spec["key"]]), source
    raise ValueError(f"{SOURCE}: vocabulary needs suite+column or lexicon+key, got {spec}")


@functools.cache
def load(source: Path = SOURCE) -> tuple[View, ...]:
    """The views of the dictionary file, with their vocabularies read from their sources."""
    data = yaml.safe_load(Path(source).read_text(encoding="utf-8"))
    views = []
    for vname, vspec in data["views"].items():
        columns = []
        for cname, cspec in vspec["columns"].items():
            description = " ".join(str(cspec.get("description") or "").split())
            if not description:
                raise ValueError(f"{source}: {vname}.{cname} has no description")
            vocab, vsource = ((), "")
            if "vocabulary" in cspec:
                vocab, vsource = vocabulary_of(cspec["vocabulary"])
            columns.append(
                Column(
                    name=cname,
                    description=description,
                    vocabulary=vocab,
                    vocabulary_source=vsource,
                    origin={k: str(v) for k, v in (cspec.get("origin") or {}).items()},
                )
            )
        views.append(View(vname, " ".join(vspec["description"].split()), tuple(columns)))
    return tuple(views)


def view_names() -> list[str]:
    """The public views, in dictionary order."""
    return [v.name for v in load()]


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def comment_sql(views: tuple[View, ...] | None = None) -> str:
    """COMMENT ON VIEW / COLUMN statements for every public view and documented column."""
    statements = []
    for view in views or load():
        statements.append(f"COMMENT ON VIEW {view.name} IS {_quote(view.description)};")
        for col in view.columns:
            statements.append(
                f'COMMENT ON COLUMN {view.name}."{col.name}" IS {_quote(col.comment())};'
            )
    return "\n".join(statements)


def apply_comments(con: duckdb.DuckDBPyConnection) -> None:
    """Comment the public views (after `CREATE OR REPLACE VIEW`, which drops comments)."""
    con.execute(comment_sql())


def schema_types() -> dict[str, dict[str, str]]:
    """view -> column -> DuckDB type, from the views of an empty in-memory warehouse."""
    from pilkada.load import warehouse

    con = duckdb.connect()
    try:
        warehouse.ensure_schema(con, ":memory:")
        rows = con.execute(
            "SELECT table_name, column_name, data_type FROM duckdb_columns()"
            " WHERE table_name IN (SELECT view_name FROM duckdb_views() WHERE NOT internal)"
            " ORDER BY table_name, column_index"
        ).fetchall()
    finally:
        con.close()
    types: dict[str, dict[str, str]] = {}
    for view, column, data_type in rows:
        types.setdefault(view, {})[column] = data_type
    return types


def with_types() -> list[View]:
    """The dictionary's views with each column's type, in the schema's column order."""
    types = schema_types()
    out = []
    for view in load():
        order = list(types.get(view.name, {}))
        cols = sorted(
            view.columns,
            key=lambda c: order.index(c.name) if c.name in order else len(order),
        )
        out.append(
            View(
                view.name,
                view.description,
                tuple(
                    Column(**{**c.__dict__, "data_type": types.get(view.name, {}).get(c.name, "")})
                    for c in cols
                ),
            )
        )
    return out


def find_view(name: str) -> View:
    """One public view by name, or KeyError naming the views there are."""
    for view in with_types():
        if view.name == name.lower():
            return view
    raise KeyError(f"no public view {name!r}; the public views are: {', '.join(view_names())}")


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown() -> str:
    """docs/data-dictionary.md: every public view and column with meaning, values and origin."""
    views = with_types()
    lines = [
        "# Data dictionary",
        "",
        "<!-- Generated by `pilkada describe --markdown` from pilkada/report/dictionary.yaml:"
        " do not edit by hand. -->",
        "",
        "The public views of the warehouse: the contract that users, the report and the"
        " extraction scorer read. Every other table is internal and may change. The same text"
        " is in the warehouse as DuckDB comments, so plain DuckDB shows it too:",
        "",
        "```sql",
        "SELECT view_name, comment FROM duckdb_views() WHERE NOT internal;",
        "SELECT column_name, data_type, comment FROM duckdb_columns()",
        "WHERE table_name = 'meetings';",
        "```",
        "",
        "Origin: the SQL file that fills the column's table <- the Python function (and lexicon)"
        " that produces its values. Vocabularies are read from the quality-gate suites"
        " (`expectations/`) or the lexicons, never copied.",
        "",
        "| view | one row is |",
        "|---|---|",
    ]
    lines += [f"| [`{v.name}`](#{v.name}) | {_cell(v.description)} |" for v in views]
    for view in views:
        lines += ["", f"## {view.name}", "", view.description, ""]
        lines += ["| column | type | meaning | values | origin |", "|---|---|---|---|---|"]
        for col in view.columns:
            values = ", ".join(f"`{v}`" for v in col.vocabulary)
            if values:
                values += f" (from `{col.vocabulary_source}`)"
            lines.append(
                f"| `{col.name}` | {col.data_type} | {_cell(col.description)} | {_cell(values)}"
                f" | {_cell(col.origin_text())} |"
            )
    return "\n".join(lines) + "\n"


def undocumented(con: duckdb.DuckDBPyConnection) -> list[str]:
    """`view` or `view.column` of every user view or view column without a comment."""
    rows = con.execute(
        "SELECT view_name, NULL FROM duckdb_views()"
        " WHERE NOT internal AND coalesce(trim(comment), '') = ''"
        " UNION ALL SELECT table_name, column_name FROM duckdb_columns()"
        " WHERE table_name IN (SELECT view_name FROM duckdb_views() WHERE NOT internal)"
        " AND coalesce(trim(comment), '') = '' ORDER BY 1, 2 NULLS FIRST"
    ).fetchall()
    return [view if column is None else f"{view}.{column}" for view, column in rows]
