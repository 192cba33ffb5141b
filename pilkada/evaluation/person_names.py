"""How well `participants.person_name` holds persons' names, against a labelled list.

The list (`pilkada/lexicons/person_name_labels.csv`) holds, per article (by article_id), names
the extractor once read and whether each is a person's name. For every labelled article in the
warehouse: precision = read names labelled real / read names labelled at all; recall = names
labelled real that are read. Read names not in the list are counted, so the list can grow.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import duckdb

LABELS = "person_name_labels.csv"


@dataclass(frozen=True)
class NameLabel:
    """One judged name of one article."""

    article_id: str
    name: str
    is_person_name: bool


def read_labels(path: str | Path | None = None) -> list[NameLabel]:
    """The labelled names: the bundled list, or a CSV with the same columns."""
    if path is None:
        text = resources.files("pilkada.lexicons").joinpath(LABELS).read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    rows = csv.DictReader(
        io.StringIO("\n".join(line for line in text.splitlines() if not line.startswith("#")))
    )
    out = []
    for i, row in enumerate(rows, start=2):
        flag = (row.get("is_person_name") or "").strip()
        if flag not in ("0", "1") or not row.get("article_id") or not row.get("name"):
            raise ValueError(
                f"{path or LABELS}: row {i}: needs article_id, name, is_person_name 0/1"
            )
        out.append(NameLabel(row["article_id"].strip(), row["name"].strip(), flag == "1"))
    return out


def name_scores(con: duckdb.DuckDBPyConnection, labels: list[NameLabel]) -> dict[str, float]:
    """Precision and recall of person names over the labelled articles the warehouse holds
    (empty when it holds none)."""
    by_article: dict[str, dict[str, bool]] = {}
    for lab in labels:
        by_article.setdefault(lab.article_id, {})[lab.name] = lab.is_person_name
    present = {
        aid
        for (aid,) in con.execute("SELECT article_id FROM articles").fetchall()
        if aid in by_article
    }
    if not present:
        return {}
    read: dict[str, set[str]] = {}
    for aid, name in con.execute(
        "SELECT DISTINCT article_id, person_name FROM participants WHERE person_name IS NOT NULL"
    ).fetchall():
        if aid in present:
            read.setdefault(aid, set()).add(name)
    tp = fp = fn = unlabelled = 0
    for aid in present:
        judged, got = by_article[aid], read.get(aid, set())
        tp += sum(1 for n in got if judged.get(n) is True)
        fp += sum(1 for n in got if judged.get(n) is False)
        unlabelled += sum(1 for n in got if n not in judged)
        fn += sum(1 for n, real in judged.items() if real and n not in got)
    return {
        "person_name_articles": float(len(present)),
        "p_person_name": tp / (tp + fp) if tp + fp else 1.0,
        "r_person_name": tp / (tp + fn) if tp + fn else 1.0,
        "person_name_unlabelled": float(unlabelled),
    }
