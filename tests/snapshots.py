"""Warehouse snapshots for comparing builds: every core table's rows, minus load timestamps."""

from __future__ import annotations

from pathlib import Path

import duckdb

CORE_TABLES = [
    "dim_article", "article_text", "dim_date", "dim_institution", "dim_region",
    "fact_meeting_report", "fact_meeting", "fact_participant", "fact_directive",
    "bridge_meeting_article", "bridge_meeting_region", "report_match_keys",
]  # fmt: skip
# Tables whose key no index enforces (the load keeps them unique): table -> key columns.
KEYS = {
    "dim_article": "article_id", "article_text": "article_id",
    "fact_meeting_report": "article_id", "bridge_meeting_article": "article_id",
    "report_match_keys": "article_id", "fact_meeting": "meeting_id",
    "fact_participant": "article_id, seq", "bridge_meeting_region": "article_id, region_code, role",
    "source_files": "location",
}  # fmt: skip
VOLATILE = {"loaded_at", "clustered_at", "batch_id"}


def _open(target: Path | str | duckdb.DuckDBPyConnection) -> tuple[duckdb.DuckDBPyConnection, bool]:
    if isinstance(target, duckdb.DuckDBPyConnection):
        return target, False
    return duckdb.connect(str(target), read_only=True), True


def snapshot(target: Path | str | duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """Sorted rows of each core table (of a file, or through an open connection)."""
    con, owned = _open(target)
    try:
        out = {}
        for table in CORE_TABLES:
            cols = [
                r[0] for r in con.execute(f"DESCRIBE {table}").fetchall() if r[0] not in VOLATILE
            ]
            rows = con.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
            out[table] = sorted(map(repr, rows))
        return out
    finally:
        if owned:
            con.close()


def orphans(target: Path | str | duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Fact and bridge rows whose article or meeting is missing (should all be 0)."""
    checks = {
        "fact_participant": "article_id NOT IN (SELECT article_id FROM dim_article)",
        "fact_directive": "article_id NOT IN (SELECT article_id FROM dim_article)",
        "bridge_meeting_region": "article_id NOT IN (SELECT article_id FROM dim_article)",
        "fact_meeting_report": "article_id NOT IN (SELECT article_id FROM dim_article)",
        "bridge_meeting_article": "meeting_id NOT IN (SELECT meeting_id FROM fact_meeting)"
        " OR article_id NOT IN (SELECT article_id FROM fact_meeting_report)",
        "article_text": "article_id NOT IN (SELECT article_id FROM dim_article)",
        "report_match_keys": "article_id NOT IN (SELECT article_id FROM fact_meeting_report)",
        "fact_meeting": "meeting_id NOT IN (SELECT meeting_id FROM bridge_meeting_article)",
    }
    con, owned = _open(target)
    try:
        return {
            t: con.execute(f"SELECT count(*) FROM {t} WHERE {w}").fetchone()[0]
            for t, w in checks.items()
        }
    finally:
        if owned:
            con.close()


def duplicate_keys(target: Path | str | duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows beyond the first per key, for each table in KEYS (should all be 0)."""
    con, owned = _open(target)
    try:
        return {
            t: con.execute(
                f"SELECT count(*) - (SELECT count(*) FROM (SELECT DISTINCT {k} FROM {t})) FROM {t}"
            ).fetchone()[0]
            for t, k in KEYS.items()
        }
    finally:
        if owned:
            con.close()
