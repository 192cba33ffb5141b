"""`pilkada sql`: a read-only query, its first rows as a table or every row as CSV/JSON/Parquet."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import duckdb
from rich.console import Console
from rich.table import Table

from pilkada.commands.failures import fail
from pilkada.commands.readonly import open_warehouse
from pilkada.errors import ExitCode

CELL_CHARS = 200  # a table cell shows this much of a long text
BATCH_ROWS = 2048


def screenful() -> int:
    """Rows that fit the terminal with the header and the closing lines (at least 10)."""
    return max(10, shutil.get_terminal_size((100, 30)).lines - 8)


def read_query(query: str | None, file: Path | None) -> str:
    """The query text: the argument, `-` for standard input, or `--file PATH`."""
    if file is not None and query is not None:
        fail("give the query as an argument or with --file, not both", ExitCode.NOTHING_LOADED)
    if file is not None:
        try:
            return file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            fail(f"{file}: cannot read the query ({exc})", ExitCode.NOTHING_LOADED)
    if query == "-":
        return sys.stdin.read()
    if query is None or not query.strip():
        fail("no query: give one as an argument, with --file PATH, or `-` to read standard input",
             ExitCode.NOTHING_LOADED)  # fmt: skip
    return query


def run_sql(
    text: str,
    *,
    warehouse: str,
    fmt: str,
    limit: int,
    out: Path | None,
    wait: float,
    timeout: float | None,
    console: Console,
) -> None:
    """Check, run and print one query; every failure ends with one message and its exit code."""
    from pilkada import settings
    from pilkada.sqlguard import (
        QueryTimeout,
        RefusedStatement,
        check,
        time_limit,
    )

    check(text)  # RefusedStatement is a ValueError: exit 2, before the warehouse is opened
    if fmt == "table" and out is not None:
        fail("--out writes csv, json or parquet: add --format", ExitCode.NOTHING_LOADED)
    if fmt == "parquet" and out is None and sys.stdout.isatty():
        fail("parquet is binary: give --out FILE or redirect the output", ExitCode.NOTHING_LOADED)
    timeout = settings.sql_timeout() if timeout is None else timeout
    con = open_warehouse(warehouse, wait=wait)
    try:
        with time_limit(con, timeout):
            result = con.execute(text)
            if result.description is None:
                return
            rows = result.to_arrow_reader(BATCH_ROWS)
            if fmt == "table":
                _print_table(rows, limit, console)
            else:
                from pilkada.commands.copy_out import copy_to_file, copy_to_stdout

                if out is not None:
                    copy_to_file(rows, fmt, out)
                    console.print(f"wrote {out}", highlight=False)
                else:
                    copy_to_stdout(rows, fmt)
    except QueryTimeout as exc:
        fail(f"query {exc} (--timeout SECONDS, 0 for none)", ExitCode.NOTHING_LOADED)
    except duckdb.PermissionException as exc:
        raise RefusedStatement(f"refused: {exc}") from exc
    except duckdb.OutOfMemoryException as exc:
        fail(f"{exc}\nThe query needs more than the {settings.reader_memory()} readers get"
             " (PILKADA_SQL_MEMORY); aggregate or LIMIT it.", ExitCode.NOTHING_LOADED)  # fmt: skip
    except (duckdb.Error, OSError) as exc:
        if isinstance(exc, OSError) and "Error" not in str(exc):
            raise  # a real file error (from --out), not DuckDB's Arrow stream
        fail(str(exc).strip(), ExitCode.NOTHING_LOADED)  # DuckDB's whole text, hints included
    finally:
        con.close()


def _print_table(rows, limit: int, console: Console) -> None:
    """The first `limit` rows as soon as they arrive, then how many more there are."""
    import pyarrow as pa

    numeric_kinds = (pa.types.is_integer, pa.types.is_floating, pa.types.is_decimal)  # go right
    head: list = []
    have = 0
    for batch in rows:
        head.append(batch.slice(0, limit - have))
        have += head[-1].num_rows
        if have >= limit:
            rest = batch.num_rows - head[-1].num_rows
            break
    else:
        rest = 0
    first = pa.Table.from_batches(head, schema=rows.schema)
    table = Table(show_header=True, header_style="bold")
    for field in first.schema:
        numeric = any(is_kind(field.type) for is_kind in numeric_kinds)
        table.add_column(field.name, overflow="fold", justify="right" if numeric else "left")
    for row in _as_text(first):
        table.add_row(*row)
    console.print(table)
    console.file.flush()
    if have >= limit:
        rest += sum(batch.num_rows for batch in rows)  # streamed: counted, not kept
    if rest:
        console.print(f"{have:,} rows shown, {rest:,} more rows (--limit N, or --format csv)",
                      highlight=False)  # fmt: skip
    else:
        console.print(f"{have:,} row{'' if have == 1 else 's'}", highlight=False)


def _as_text(first) -> list[tuple[str, ...]]:
    """Cells as DuckDB prints them (lists, structs, intervals, blobs), NULL as empty."""
    shown = duckdb.connect(":memory:")
    try:
        # positional names: a result may repeat a column name (SELECT 1 AS a, 2 AS a)
        shown.register("head", first.rename_columns([f"c{i}" for i in range(first.num_columns)]))
        casts = ", ".join(f"CAST(#{i + 1} AS VARCHAR)" for i in range(first.num_columns))
        rows = shown.execute(f"SELECT {casts} FROM head").fetchall()
    except duckdb.Error:  # a type DuckDB cannot take back from Arrow: Python's text of it
        rows = [tuple(None if v is None else str(v) for v in r.values())
                for r in first.to_pylist()]  # fmt: skip
    finally:
        shown.close()
    return [
        tuple("" if v is None else v if len(v) <= CELL_CHARS else v[: CELL_CHARS - 1] + "…"
              for v in row)
        for row in rows
    ]  # fmt: skip
