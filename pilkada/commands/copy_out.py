"""Rows out to CSV, JSON or Parquet through DuckDB's own writers, streamed, never row by row.

The user's query runs on the sandboxed read-only connection; its Arrow stream is handed to a
private in-memory DuckDB that only ever runs the COPY written here, to a path chosen here.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import duckdb
import pyarrow as pa

from pilkada import settings

COPY_OPTIONS = {
    "csv": "FORMAT csv, HEADER true",
    "json": "FORMAT json, ARRAY true",
    "parquet": "FORMAT parquet, COMPRESSION zstd",
}


def _writer() -> duckdb.DuckDBPyConnection:
    return duckdb.connect(
        ":memory:",
        config={
            "memory_limit": settings.reader_memory(),
            "autoinstall_known_extensions": False,  # json and parquet are built in
            "autoload_known_extensions": False,
        },
    )


def _sql_text(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def copy_to_file(rows: pa.RecordBatchReader, fmt: str, out: Path) -> None:
    """Write the rows to `out` whole or not at all (a temporary file beside it, then renamed)."""
    out = Path(out)
    if out.is_dir():
        raise IsADirectoryError(21, "is a folder; give a file name", str(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    os.close(handle)
    partial = Path(name)
    writer = _writer()
    try:
        writer.register("result", rows)
        writer.execute(f"COPY (FROM result) TO {_sql_text(partial)} ({COPY_OPTIONS[fmt]})")
        os.replace(partial, out)
    finally:
        writer.close()
        partial.unlink(missing_ok=True)


def copy_to_stdout(rows: pa.RecordBatchReader, fmt: str) -> None:
    """Write the rows to standard output, through a temporary file DuckDB writes."""
    with tempfile.TemporaryDirectory(prefix="pilkada-out-") as folder:
        path = Path(folder) / f"result.{fmt}"
        copy_to_file(rows, fmt, path)
        sys.stdout.flush()
        with path.open("rb") as source:
            shutil.copyfileobj(source, sys.stdout.buffer, 1 << 20)
        sys.stdout.buffer.flush()
