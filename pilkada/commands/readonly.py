"""The warehouse for a reading command: opened read-only, or one clear error saying why not."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pilkada.errors import ExitCode, PilkadaError


class NoWarehouse(PilkadaError):
    """The warehouse path names no file: a mistyped `--warehouse`, or no build yet."""

    exit_code = ExitCode.NOTHING_LOADED


def open_warehouse(path: str | Path, *, wait: float = 0.0) -> duckdb.DuckDBPyConnection:
    """A read-only, sandboxed connection; a missing file is a bad argument (exit 2), a locked,
    foreign or damaged one a WarehouseError (exit 4)."""
    from pilkada.sqlguard import connect_readonly

    require_warehouse(path)
    return connect_readonly(path, wait=wait)


def require_warehouse(path: str | Path) -> None:
    """NoWarehouse unless the path names something (what it is, connect_readonly checks)."""
    if not Path(path).exists():
        raise NoWarehouse(
            f"{path}: no warehouse here; build one with `pilkada run` or give --warehouse PATH"
        )


def tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Names of the tables and views of the warehouse's main schema."""
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
    ).fetchall()
    return {name for (name,) in rows}
