"""What the report shows, read from the warehouse (read-only, queries in `sql/report/`): counts,
tables, and each latest meeting with its articles and evidence sentences."""

from __future__ import annotations

import bisect
import re
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from pilkada import settings
from pilkada.extract.sentences import sentence_spans
from pilkada.load import warehouse as wh
from pilkada.sqlguard import connect_readonly

EVIDENCE_ARTICLES = 25  # articles of a meeting whose evidence its page shows (all are listed)
SENTENCE_CONTEXT = 400  # characters of a sentence shown on each side of an evidence span
TABLE_LIMIT = 50  # rows shown of the meeting / quarantine / rejection / run tables


def report_sql(name: str) -> str:
    """The text of one query under `sql/report/`."""
    return (Path(settings.SQL_DIR) / "report" / name).read_text(encoding="utf-8")


def _frame(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> pd.DataFrame:
    return con.execute(report_sql(name), params or None).df()


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts with None (not NaN/NaT) for missing values, for the template."""
    return [
        {k: (None if _missing(v) else v) for k, v in row.items()}
        for row in frame.to_dict(orient="records")
    ]


def _missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False




def _check_warehouse(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    if con.execute(report_sql("is_warehouse.sql")).fetchone()[0] == 0:
        raise wh.WarehouseError(f"{path}: not a pilkada warehouse (no _pilkada_meta table)")


def check_warehouse(warehouse: Path) -> None:
    """Raise WarehouseError unless `warehouse` is a pilkada warehouse that opens read-only."""
    con = connect_readonly(warehouse)
    try:
        _check_warehouse(con, Path(warehouse))
    finally:
        con.close()


def collect(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Everything the report shows, as frames and rows (no HTML)."""
    counts = _records(_frame(con, "counts.sql"))[0]
    return {
        "counts": counts,
        "per_month": _frame(con, "meetings_per_month.sql"),
        "per_province": _frame(con, "meetings_per_province.sql"),
        "topics": _frame(con, "topic_shares.sql"),
        "kinds": _frame(con, "participant_kinds.sql"),
        "latest_meetings": _records(_frame(con, "latest_meetings.sql", limit=TABLE_LIMIT)),
        "dq_latest": _records(_frame(con, "dq_latest_runs.sql")),
        "dq_failed": _records(_frame(con, "dq_failed_expectations.sql")),
        "dq_recent": _records(_frame(con, "dq_recent_runs.sql", limit=TABLE_LIMIT)),
        "quarantined": _records(_frame(con, "quarantined_batches.sql", limit=TABLE_LIMIT)),
        "rejected": _records(_frame(con, "rejected_inputs.sql", limit=TABLE_LIMIT)),
        **_set_aside(con),
    }


def _set_aside(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Articles set aside and values warned about (empty before a build created the tables)."""
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    if not {"quarantined_articles", "dq_warnings"} <= tables:
        return {"set_aside": [], "set_aside_per_day": []}
    return {
        "set_aside": _records(_frame(con, "quarantined_articles.sql", limit=TABLE_LIMIT)),
        "set_aside_per_day": _records(_frame(con, "set_aside_per_day.sql")),
    }


def sentence_around(
    text: str | None,
    start: int,
    end: int,
    evidence: str,
    spans: list[tuple[int, int]] | None = None,
) -> tuple[str, str, str]:
    """(before, evidence, after): the sentence(s) of `text` holding [start, end).

    Sentences as the extractor splits them (`pilkada.extract.sentences`), at most
    SENTENCE_CONTEXT characters on each side. The evidence alone when the text is not stored or
    the offsets do not match it. `spans`: the text's sentence spans, if already computed.
    """
    if not text or not (0 <= start <= end <= len(text)) or text[start:end] != evidence:
        return "", evidence or "", ""
    spans = spans if spans is not None else sentence_spans(text)
    starts = [s for s, _ in spans]
    first = max(bisect.bisect_right(starts, start) - 1, 0)
    last = max(bisect.bisect_right(starts, max(end - 1, start)) - 1, first)
    lo = max(min(spans[first][0], start), start - SENTENCE_CONTEXT) if spans else start
    hi = min(max(spans[last][1], end), end + SENTENCE_CONTEXT) if spans else end
    before, after = text[lo:start], text[end:hi]
    if lo > 0 and lo == start - SENTENCE_CONTEXT:
        before = "…" + before
    if hi < len(text) and hi == end + SENTENCE_CONTEXT:
        after += "…"
    return before.lstrip(), text[start:end], after.rstrip()


def collect_meetings(
    con: duckdb.DuckDBPyConnection, meetings: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Each meeting with its articles, and for the first EVIDENCE_ARTICLES of them the regions,
    participants and directives they state with their evidence sentences."""
    ids = [m["meeting_id"] for m in meetings]
    if not ids:
        return []
    articles = _records(_frame(con, "meeting_articles.sql", meeting_ids=ids))
    by_meeting: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    for art in articles:
        by_meeting[art["meeting_id"]].append(art)
    shown = [a["article_id"] for arts in by_meeting.values() for a in arts[:EVIDENCE_ARTICLES]]
    texts = dict(con.execute(report_sql("meeting_texts.sql"), {"article_ids": shown}).fetchall())
    spans = {aid: sentence_spans(text) for aid, text in texts.items()}
    facts: dict[str, list[dict[str, Any]]] = {}
    for fact in _records(_frame(con, "meeting_evidence.sql", article_ids=shown)):
        aid = fact["article_id"]
        fact["before"], fact["span"], fact["after"] = sentence_around(
            texts.get(aid),
            int(fact["evidence_start"]),
            int(fact["evidence_end"]),
            fact["evidence"],
            spans.get(aid),
        )
        facts.setdefault(fact["article_id"], []).append(fact)
    out = []
    for meeting in meetings:
        arts = by_meeting[meeting["meeting_id"]]
        for i, art in enumerate(arts):
            art["facts"] = facts.get(art["article_id"], []) if i < EVIDENCE_ARTICLES else None
            art["href"] = _source_href(art)
        out.append({**meeting, "articles": arts})
    return out


def _source_href(article: dict[str, Any]) -> str | None:
    """Where to read an article: its URL (the manifest's, or the one it was fetched from)."""
    for value in (article.get("url"), article.get("source_uri")):
        if value and re.match(r"^https?://", str(value), flags=re.I):
            return str(value)
    return None
