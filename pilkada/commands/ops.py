"""`pilkada status`, `runs` and `rejected`: what the builds did, read from the ops tables."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import duckdb
from rich.console import Console
from rich.table import Table

from pilkada.commands.readonly import open_warehouse
from pilkada.errors import PilkadaError
from pilkada.report.times import ZONE_LABEL, local_time
from pilkada.run import runs_log
from pilkada.settings import SQL_DIR

PUBLIC_VIEWS = (
    "articles", "meetings", "meeting_articles", "meeting_regions", "participants", "directives",
    "regions",
)  # fmt: skip
# what `status` reads; any other table with a timestamp column (an ops table added later, such
# as the article quarantine or the publish record) is shown by its row count and latest time
KNOWN = {
    "load_batches", "rejected_inputs", "quarantined_batches", "dq_runs", "dq_results",
    "fetch_log", "source_files", "_pilkada_meta",
}  # fmt: skip

RUN_ID = r"r\d{8}T\d{6}-[0-9a-f]+"  # as pipeline.new_run_id makes them
WRAPPED = {"source_uri", "reason", "value", "message", "location", "path"}  # long text columns


def _sql(name: str) -> str:
    return (SQL_DIR / "cli" / f"{name}.sql").read_text(encoding="utf-8")


def _table(con: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None,
           title: str | None = None) -> Table:  # fmt: skip
    result = _execute(con, sql, params)
    table = Table(title=title, title_justify="left", show_header=True, header_style="bold")
    for name, *_ in result.description:
        table.add_column(name, overflow="fold", no_wrap=name not in WRAPPED)
    for row in result.fetchall():
        table.add_row(*(_cell(v) for v in row))
    return table


def _execute(
    con: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None
) -> duckdb.DuckDBPyConnection:
    """Run `sql` with its `$name` parameters bound by PREPARE / EXECUTE, as SQL literals: DuckDB's
    Python binding of parameters imports pandas (most of a reader's start-up, ~0.2 CPU-s)."""
    if not params:
        return con.execute(sql)
    con.execute(f"PREPARE pilkada_ops AS {sql}")
    args = ", ".join(f'"{name}" := {_literal(value)}' for name, value in params.items())
    return con.execute(f"EXECUTE pilkada_ops({args})")


def _literal(value: object) -> str:
    """A None, bool, int or str as a DuckDB literal."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_literal(v) for v in value) + "]::VARCHAR[]"
    raise TypeError(f"no SQL literal for {type(value).__name__}")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, dt.datetime):
        return local_time(value, seconds=True)
    return str(value)


def _runs_table(con: duckdb.DuckDBPyConnection, warehouse: str, limit: int, title: str) -> Table:
    """The last `limit` runs, newest first: the warehouse's traces merged with the runs log, whose
    outcome and exit code are added (a run that loaded nothing is only there)."""
    logged = {line["run_id"]: line for line in runs_log.read(warehouse)}
    starts = [line.get("started", "") for line in logged.values()]
    result = _execute(con, _sql("runs"), {"limit": limit, "logged": list(logged),
                                          "logged_starts": starts})  # fmt: skip
    table = Table(title=title, title_justify="left", show_header=True, header_style="bold")
    names = [name for name, *_ in result.description]
    for name in names[:3] + ["outcome", "exit"] + names[3:]:
        table.add_column(name, overflow="fold", no_wrap=True)
    for row in result.fetchall():
        line = logged.get(row[0], {})
        finished = row[2] if row[2] is not None else _parse(line.get("finished"))
        extra = [line.get("outcome", ""), str(line.get("exit_code", ""))]
        table.add_row(*(_cell(v) for v in (row[0], row[1], finished)), *extra,
                      *(_cell(v) for v in row[3:]))  # fmt: skip
    return table


def _parse(value: object) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def runs(warehouse: str, *, limit: int, wait: float, console: Console) -> None:
    """The last `limit` runs, newest first."""
    con = open_warehouse(warehouse, wait=wait)
    try:
        table = _runs_table(con, warehouse, limit, f"runs (times in {ZONE_LABEL})")
        console.print(table if table.row_count else "no runs yet (`pilkada run`)")
    finally:
        con.close()


def rejected(warehouse: str, *, run: str | None, limit: int, wait: float,
             console: Console) -> None:  # fmt: skip
    """Rejected inputs with their reasons, newest first (of one run with --run)."""
    if run is not None and not re.fullmatch(RUN_ID, run):
        raise PilkadaError(f"--run {run}: not a run id like r20241002T090000-3f9a1c"
                           " (see `pilkada runs`)")  # fmt: skip
    con = open_warehouse(warehouse, wait=wait)
    try:
        total = con.execute("SELECT count(*) FROM rejected_inputs").fetchone()[0]
        logged = [line["run_id"] for line in runs_log.read(warehouse)]
        console.print(_table(con, _sql("rejected"), {"run": run, "limit": limit,
                                                     "logged": logged}))  # fmt: skip
        console.print(f"{total:,} rejected inputs in all (times in {ZONE_LABEL})", highlight=False)
    finally:
        con.close()


def status(warehouse: str, *, wait: float, console: Console) -> None:
    """The warehouse at a glance: file, last run, row counts, quality gate, other ops tables."""
    con = open_warehouse(warehouse, wait=wait)
    try:
        path = Path(warehouse)
        version = con.execute(
            "SELECT value FROM _pilkada_meta WHERE key = 'schema_version'"
        ).fetchone()
        console.print(
            f"warehouse: {path} ({path.stat().st_size / 2**20:,.1f} MiB,"
            f" schema {version[0] if version else '?'})",
            highlight=False,
        )
        last = _runs_table(con, warehouse, 1, f"last run (times in {ZONE_LABEL})")
        console.print(last if last.row_count else "last run: none yet (`pilkada run`)")
        counts = Table(title="public views", title_justify="left", header_style="bold")
        counts.add_column("view")
        counts.add_column("rows", justify="right")
        for view in PUBLIC_VIEWS:
            counts.add_row(view, f"{con.execute(f'SELECT count(*) FROM {view}').fetchone()[0]:,}")
        console.print(counts)
        console.print(_measures(con))
        others = _other_ops_tables(con)
        if others.row_count:
            console.print(others)
    finally:
        con.close()


def _measures(con: duckdb.DuckDBPyConnection) -> Table:
    """The quality gate and the inputs: counts, and the latest times in Asia/Jakarta."""
    table = Table(title="quality gate and inputs", title_justify="left", header_style="bold")
    table.add_column("measure", no_wrap=True)
    table.add_column("value", no_wrap=True)
    for measure, n, latest in con.execute(_sql("status_quality")).fetchall():
        table.add_row(measure, _cell(latest if n is None else n))
    return table


def _other_ops_tables(con: duckdb.DuckDBPyConnection) -> Table:
    """Row count and latest time of each table beyond the known ones that has a timestamp."""
    table = Table(title="other records", title_justify="left", header_style="bold")
    for name in ("table", "rows", "latest"):
        table.add_column(name)
    rows = con.execute(
        """SELECT c.table_name, any_value(c.column_name ORDER BY c.ordinal_position DESC)
           FROM information_schema.columns c JOIN information_schema.tables t
             ON t.table_name = c.table_name AND t.table_schema = c.table_schema
           WHERE c.table_schema = 'main' AND t.table_type = 'BASE TABLE'
             AND c.data_type LIKE 'TIMESTAMP%'
           GROUP BY 1 ORDER BY 1"""
    ).fetchall()
    for name, column in rows:
        if name in KNOWN or name.startswith(("dim_", "fact_", "bridge_", "report_", "article_")):
            continue
        n, latest = con.execute(f'SELECT count(*), max("{column}") FROM "{name}"').fetchone()
        table.add_row(name, f"{n:,}", "" if latest is None else f"{_cell(latest)} ({column})")
    return table
