"""Accuracy of a warehouse against gold labels (one JSON object per article, DESIGN.md format).

Reads only the public views. Measures: is-meeting and date accuracy, mode accuracy, set
precision/recall/F1 of regions, institution kinds and topics, and the pairwise F1 of grouping
articles into meetings; `score` is the mean of the six headline measures.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path, PurePosixPath

import duckdb

from pilkada.errors import PilkadaError

HEADLINE = ("acc_is_meeting", "acc_date", "f1_region", "f1_institution", "f1_topics", "f1_dedup")
GOLD_KEYS = ("article", "is_meeting")
SET_FIELDS = {
    "region": ("region_codes", "meeting_regions", "region_code"),
    "institution": ("institution_kinds", "participants", "institution_kind"),
    "topics": ("topics", "directives", "topic"),
}


class GoldError(PilkadaError):
    """A gold file that cannot be read: missing, not JSON lines, or a label without its keys."""


def read_gold(path: str | Path) -> list[dict]:
    """Gold labels, one JSON object per non-empty line; errors name the file and the line."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise GoldError(f"{path}: cannot read the gold labels ({reason})") from exc
    labels = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            label = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{path}, line {number}: not JSON ({exc.msg})") from exc
        missing = [k for k in GOLD_KEYS if not isinstance(label, dict) or k not in label]
        if missing:
            raise GoldError(f"{path}, line {number}: a label needs {', '.join(missing)}")
        labels.append(label)
    if not labels:
        raise GoldError(f"{path}: no gold labels in it")
    return labels


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _sets(con: duckdb.DuckDBPyConnection, view: str, column: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for aid, value in con.execute(
        f"SELECT article_id, {column} FROM {view} WHERE {column} IS NOT NULL"
    ).fetchall():
        if str(value).lower() != "other":
            out.setdefault(aid, set()).add(str(value))
    return out


def evaluate(con: duckdb.DuckDBPyConnection, gold: list[dict]) -> dict[str, float]:
    """All measures for the gold articles found by file name in `articles.source_uri`."""
    by_name: dict[str, str] = {}
    for aid, uri in con.execute("SELECT article_id, source_uri FROM articles").fetchall():
        if uri:
            by_name.setdefault(PurePosixPath(str(uri).rstrip("/")).name, aid)
    meetings_of: dict[str, set[str]] = {}
    for mid, aid in con.execute("SELECT meeting_id, article_id FROM meeting_articles").fetchall():
        meetings_of.setdefault(aid, set()).add(mid)
    attrs = {
        m: (str(d)[:10] if d is not None else None, mode)
        for m, d, mode in con.execute(
            "SELECT meeting_id, meeting_date, mode FROM meetings"
        ).fetchall()
    }
    predicted = {k: _sets(con, view, col) for k, (_, view, col) in SET_FIELDS.items()}
    counts = {k: [0, 0, 0] for k in SET_FIELDS}
    found = ok_meeting = ok_date = ok_mode = n_mode = n_meeting = 0
    cluster_of: dict[str, str] = {}
    linked_of: dict[str, set[str]] = {}
    for g in gold:
        aid = by_name.get(g["article"])
        found += aid is not None
        linked = meetings_of.get(aid, set()) if aid else set()
        ok_meeting += bool(linked) == bool(g["is_meeting"])
        if g["is_meeting"]:
            n_meeting += 1
            dates = {attrs.get(m, (None, None))[0] for m in linked}
            ok_date += (
                (not dates - {None})
                if g.get("meeting_date") is None
                else g["meeting_date"] in dates
            )
            if g.get("mode"):
                n_mode += 1
                ok_mode += g["mode"] in {attrs.get(m, (None, None))[1] for m in linked}
            cluster_of[g["article"]] = g.get("cluster") or g["article"]
            linked_of[g["article"]] = linked
        for key, (field, _, _) in SET_FIELDS.items():
            want = set(g.get(field) or []) if g["is_meeting"] else set()
            got = predicted[key].get(aid, set()) if aid else set()
            counts[key][0] += len(want & got)
            counts[key][1] += len(got - want)
            counts[key][2] += len(want - got)
    pairs = [0, 0, 0]
    for a, b in itertools.combinations(sorted(cluster_of), 2):
        same_gold, same_pred = cluster_of[a] == cluster_of[b], bool(linked_of[a] & linked_of[b])
        pairs[0] += same_gold and same_pred
        pairs[1] += same_pred and not same_gold
        pairs[2] += same_gold and not same_pred
    n = len(gold) or 1
    result: dict[str, float] = {
        "articles": float(len(gold)),
        "found": found / n,
        "acc_is_meeting": ok_meeting / n,
        "acc_date": ok_date / n_meeting if n_meeting else 0.0,
        "acc_mode": ok_mode / n_mode if n_mode else 0.0,
    }
    for key, (tp, fp, fn) in counts.items():
        result[f"p_{key}"], result[f"r_{key}"], result[f"f1_{key}"] = _prf(tp, fp, fn)
    result["p_dedup"], result["r_dedup"], result["f1_dedup"] = _prf(*pairs)
    result["score"] = sum(result[k] for k in HEADLINE) / len(HEADLINE)
    return result
