"""What a finished build run's summary means as an exit code, and where to look."""

from __future__ import annotations

import datetime as dt

from rich.console import Console
from rich.table import Table

from pilkada.errors import ExitCode
from pilkada.settings import SQL_DIR


def run_outcome(summary: dict) -> tuple[ExitCode, str]:
    """OK; SET_ASIDE when inputs were rejected or articles quarantined (and something loaded or
    was already there); NOTHING_LOADED when every input was rejected."""
    batches = summary.get("batches", [])
    loaded = sum(b["n_articles"] for b in batches if b["status"] == "loaded")
    duplicates = sum(b.get("n_duplicates", 0) for b in batches)
    rejected = sum(b.get("n_rejected", 0) for b in batches) + summary.get(
        "rejected_before_reading", 0
    )
    quarantined = summary.get("set_aside") or sum(b.get("n_set_aside", 0) for b in batches)
    run = summary.get("run_id", "")
    if rejected and not (loaded or duplicates or summary.get("unchanged", 0)):
        return ExitCode.NOTHING_LOADED, (
            f"nothing loaded: {_inputs(rejected)} rejected{_examples(summary, rejected)};"
            f" see `pilkada rejected --run {run}`"
        )
    notes = []
    if rejected:
        notes.append(
            f"{_inputs(rejected)} rejected{_examples(summary, rejected)}"
            f" (`pilkada rejected --run {run}`)"
        )
    if quarantined:
        notes.append(
            f"{quarantined} articles set aside by the quality gate, the rest loaded"
            " (`pilkada quarantine list`)"
        )
    if notes:
        return ExitCode.SET_ASIDE, "loaded, with items set aside: " + "; ".join(notes)
    return ExitCode.OK, ""


def _inputs(n: int) -> str:
    return f"{n} input" + ("" if n == 1 else "s")


def _examples(summary: dict, n: int) -> str:
    """`: name (reason), ...` for the first rejections of the run, read back from the warehouse
    (the run has released it); empty when they cannot be read."""
    from pilkada.commands.readonly import open_warehouse

    run = summary.get("run_id", "")
    try:
        started = dt.datetime.strptime(run[1:16], "%Y%m%dT%H%M%S")
        con = open_warehouse(summary["warehouse"])
    except Exception:  # noqa: BLE001 - the examples only help; the counts stand without them
        return ""
    try:
        rows = con.execute(
            (SQL_DIR / "cli" / "rejected_in_run.sql").read_text(encoding="utf-8"),
            {"run": run, "started": started},
        ).fetchall()
    finally:
        con.close()
    if not rows:
        return ""
    more = ", ..." if n > len(rows) else ""
    return ": " + ", ".join(f"{uri} ({reason})" for uri, reason in rows) + more


def print_summary(summary: dict, console: Console) -> None:
    """The run's row counts per view and what happened to its inputs."""
    console.print(f"warehouse: {summary['warehouse']}")
    table = Table(show_header=True)
    table.add_column("view")
    table.add_column("rows", justify="right")
    for name, n in summary["counts"].items():
        table.add_row(name, str(n))
    console.print(table)
    loaded = sum(b["n_articles"] for b in summary["batches"] if b["status"] == "loaded")
    dupes = sum(b.get("n_duplicates", 0) for b in summary["batches"])
    rejected = sum(b["n_rejected"] for b in summary["batches"]) + summary["rejected_before_reading"]
    console.print(
        f"run {summary['run_id']}: {loaded} articles loaded, {summary['unchanged']} unchanged, "
        f"{dupes} duplicates, {rejected} rejected (`pilkada rejected`)"
    )
    if summary.get("nothing_new"):
        console.print("nothing new to load: the warehouse is up to date with these inputs")
