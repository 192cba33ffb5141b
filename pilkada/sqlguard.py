"""Ad-hoc SQL on the warehouse, read-only: queries yes; writes, ATTACH, extensions, files no."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from pilkada.load import warehouse as wh

if TYPE_CHECKING:
    import pandas as pd

# Bounds of a reader's connection (`pilkada sql`, export, reports): DuckDB's cache past which it
# spills or fails (its own default is 80 % of RAM), and the seconds a `pilkada sql` query may run.
READ_MEMORY_LIMIT = os.environ.get("PILKADA_SQL_MEMORY", "512MB")
DEFAULT_TIMEOUT = float(os.environ.get("PILKADA_SQL_TIMEOUT", "300"))

ALLOWED = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}
REASONS = {
    duckdb.StatementType.ATTACH: "attaching other databases",
    duckdb.StatementType.DETACH: "detaching databases",
    duckdb.StatementType.LOAD: "installing or loading extensions",
    duckdb.StatementType.COPY: "copying to or from files",
    duckdb.StatementType.EXPORT: "exporting the database",
    duckdb.StatementType.SET: "changing settings",
    duckdb.StatementType.PRAGMA: "pragmas",
}


class RefusedStatement(ValueError):
    """A statement `pilkada sql` will not run, with the reason."""


class QueryTimeout(RuntimeError):
    """A query stopped because it ran longer than its time limit."""


def check(sql: str) -> None:
    """Refuse anything but SELECT/EXPLAIN statements, naming the statement type."""
    parser = duckdb.connect(":memory:")
    try:
        statements = parser.extract_statements(sql)
    except duckdb.Error as exc:
        raise RefusedStatement(f"cannot parse the query: {exc}") from exc
    finally:
        parser.close()
    if not statements:
        raise RefusedStatement("no statement given")
    for statement in statements:
        if statement.type not in ALLOWED:
            kind = statement.type.name
            what = REASONS.get(statement.type, "writing to the warehouse")
            raise RefusedStatement(
                f"refused: {kind} statement ({what}); `pilkada sql` is read-only and runs SELECT"
                " queries only"
            )


def connect_readonly(path: str | Path, *, wait: float = 0.0) -> duckdb.DuckDBPyConnection:
    """The warehouse opened read-only with file access, ATTACH and extensions disabled.

    Builds publish beside the file and never lock it; a lock held by another process anyway
    (something opened the file for writing) is retried for up to `wait` seconds, then raises
    WarehouseBusy saying whether a build is running, since when, and what to do.
    """
    path = Path(path)
    wh.check_file(path)
    if not path.exists():
        raise wh.WarehouseError(f"{path}: no warehouse here (run `pilkada run` first)")
    deadline = time.monotonic() + wait
    while True:
        try:
            return duckdb.connect(
                str(path),
                read_only=True,
                config={
                    "enable_external_access": False,
                    "autoinstall_known_extensions": False,
                    "autoload_known_extensions": False,
                    "memory_limit": READ_MEMORY_LIMIT,  # set before the lock below
                    "lock_configuration": True,
                },
            )
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise wh.WarehouseError(f"{path}: cannot open read-only ({exc})") from exc
            if time.monotonic() >= deadline:
                raise wh.WarehouseBusy(
                    f"{path}: locked by a process that opened it for writing"
                    f" ({wh.running_build(path)}); waited {wait:g} s. Retry with a longer"
                    " --wait, or end that process (pilkada builds never lock this file: open"
                    f" it read-only, `duckdb -readonly {path}`). DuckDB: {_first_line(exc)}"
                ) from exc
            time.sleep(0.25)
        except duckdb.Error as exc:
            raise wh.WarehouseError(f"{path}: cannot open read-only ({exc})") from exc


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


@contextmanager
def time_limit(con: duckdb.DuckDBPyConnection, seconds: float) -> Iterator[None]:
    """Interrupt whatever `con` runs once `seconds` have passed (0: no limit): QueryTimeout."""
    if not seconds or seconds <= 0:
        yield
        return
    fired = threading.Event()

    def stop() -> None:
        fired.set()
        con.interrupt()

    timer = threading.Timer(seconds, stop)
    timer.daemon = True
    timer.start()
    try:
        yield
    except (duckdb.Error, OSError) as exc:
        # an interrupted Arrow stream surfaces as OSError("INTERRUPT Error: Interrupted!"),
        # or inside the error of whatever consumed it
        if not fired.is_set() or "interrupt" not in str(exc).lower():
            raise
        raise QueryTimeout(f"stopped after the {seconds:g} s time limit") from exc
    finally:
        timer.cancel()


def query(
    path: str | Path, sql: str, *, wait: float = 0.0, timeout: float = DEFAULT_TIMEOUT
) -> pd.DataFrame:
    """Run a read-only query and return its rows (bounded in time and memory)."""
    check(sql)
    con = connect_readonly(path, wait=wait)
    try:
        with time_limit(con, timeout):
            table = con.execute(sql).to_arrow_table()
        # dates stay dates (not midnight timestamps) in every output format
        return table.to_pandas(date_as_object=True)
    except duckdb.PermissionException as exc:
        raise RefusedStatement(f"refused: {exc}") from exc
    finally:
        con.close()
