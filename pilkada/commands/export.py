"""`pilkada export`: one public view to a Parquet or CSV file, written whole or not at all."""

from __future__ import annotations

from pathlib import Path

from pilkada.commands.copy_out import copy_to_file
from pilkada.commands.ops import PUBLIC_VIEWS
from pilkada.commands.readonly import open_warehouse
from pilkada.errors import ExitCode, PilkadaError


class NotAPublicView(PilkadaError):
    """Only the public views of the data contract are exported."""

    exit_code = ExitCode.NOTHING_LOADED


def export(warehouse: str, *, view: str, fmt: str, out: Path, wait: float) -> int:
    """Write `view` to `out`; the number of rows written."""
    if view not in PUBLIC_VIEWS:
        raise NotAPublicView(f"--view {view}: not a public view; one of {', '.join(PUBLIC_VIEWS)}")
    con = open_warehouse(warehouse, wait=wait)
    try:
        n = con.execute(f"SELECT count(*) FROM {view}").fetchone()[0]
        copy_to_file(con.execute(f"FROM {view}").to_arrow_reader(2048), fmt, out)
    finally:
        con.close()
    return n
