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
