"""The warehouse file as a reader sees it, without opening it for writing: is it a DuckDB file,
and which build (pid, start time) is writing it. Small on purpose: `pilkada sql` and `status`
import this, not `warehouse.py` (which brings pandas and pyarrow, about a second of start-up).
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

from pilkada.errors import ExitCode, PilkadaError

DUCKDB_MAGIC = b"DUCK"

# what the machine says when it refuses a write (OSError errnos, and DuckDB's error texts)
REFUSALS = {
    errno.ENOSPC: "No space left on device",
    errno.EROFS: "Read-only file system",
    errno.EACCES: "Permission denied",
    errno.EPERM: "Operation not permitted",
    errno.EDQUOT: "Disk quota exceeded",
}


class WarehouseError(RuntimeError):
    """A warehouse that cannot be used (foreign, corrupt, locked), with the path and reason."""


class WarehouseBusy(WarehouseError, PilkadaError):
    """The warehouse (or its writer lock) is held by another process past the time allowed."""

    exit_code = ExitCode.WAREHOUSE_BUSY


def check_file(path: Path) -> None:
    """Refuse a path that exists but is not a DuckDB database file."""
    if not path.exists():
        return
    if path.is_dir():
        raise WarehouseError(f"{path}: is a folder, not a warehouse file")
    if path.stat().st_size == 0:
        raise WarehouseError(f"{path}: empty file, not a DuckDB database; refusing to overwrite it")
    with path.open("rb") as handle:
        head = handle.read(16)
    if head[8:12] != DUCKDB_MAGIC:
        raise WarehouseError(f"{path}: not a DuckDB database file; refusing to overwrite it")


def writer_info_path(path: str | Path) -> Path:
    """Pid and start time of the run holding the writer lock, while it runs."""
    path = Path(path)
    return path.with_name(f".{path.name}.writer")


def writer_info(path: str | Path) -> dict | None:
    """{pid, host, started} of the run writing this warehouse, if one is running."""
    try:
        info = json.loads(writer_info_path(path).read_text(encoding="utf-8"))
        os.kill(int(info["pid"]), 0)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return info


def running_build(path: str | Path) -> str:
    """'a build is running since ... (pid ...)', or that none is."""
    info = writer_info(path)
    if info is None:
        return "no pilkada build is running"
    return f"a build is running since {info['started']} (pid {info['pid']} on {info['host']})"
