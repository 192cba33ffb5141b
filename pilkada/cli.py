"""The `pilkada` command: build the warehouse, query it, check its accuracy, report on it."""

from __future__ import annotations

import json
import os
import sys
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from pilkada.settings import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_WAREHOUSE,
    MIN_AUTO_BATCH,
    configure_environment,
)

configure_environment()

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
console = Console()
err = Console(stderr=True)

WarehouseOpt = Annotated[str, typer.Option("--warehouse", "-w", help="DuckDB warehouse file.")]


class Runner(StrEnum):
    thread = "thread"
    dask = "dask"


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def _fail(message: str, code: int) -> None:
    err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


@app.command()
def run(
    articles: Annotated[
        list[str] | None,
        typer.Option("--articles", "-a", help="Article folder, file or URL (repeatable)."),
    ] = None,
    official: Annotated[
        list[str] | None,
        typer.Option("--official", "-o", help="Region or election list, path or URL (repeatable)."),
    ] = None,
    warehouse: WarehouseOpt = DEFAULT_WAREHOUSE,
    batch_size: Annotated[
        int | None,
        typer.Option(
            help="Articles per batch (one transaction each); default: half the new inputs,"
            f" between {MIN_AUTO_BATCH:,} and {DEFAULT_BATCH_SIZE:,}."
        ),
    ] = None,
    task_runner: Annotated[Runner, typer.Option(help="Where extraction runs.")] = Runner.thread,
    dask_address: Annotated[
        str | None, typer.Option(help="Existing Dask scheduler address.")
    ] = None,
    lock_timeout: Annotated[
        float, typer.Option(help="Seconds to wait for another run's lock.")
    ] = 0.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Run the build flow: official lists, then articles through the quality gate into DuckDB."""
    from flows.build import build_warehouse
    from pilkada.errors import QualityGateFailed
    from pilkada.warehouse import WarehouseError

    flow = build_warehouse
    if task_runner is Runner.dask:
        from prefect_dask import DaskTaskRunner

        os.environ["PILKADA_WORKERS"] = "1"  # Dask spreads the batches; no pool inside a worker

        flow = build_warehouse.with_options(
            task_runner=DaskTaskRunner(address=dask_address) if dask_address else DaskTaskRunner()
        )
    try:
        summary = flow(
            articles=articles,
            official=official,
            warehouse=warehouse,
            batch_size=batch_size,
            lock_timeout=lock_timeout,
            show_progress=not quiet and sys.stderr.isatty(),
        )
    except QualityGateFailed as exc:
        _fail(f"quality gate: {exc}", 1)
    except (WarehouseError, FileNotFoundError, ValueError) as exc:
        _fail(str(exc), 2)
    _print_summary(summary)


def _print_summary(summary: dict) -> None:
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
        f"{dupes} duplicates, {rejected} rejected (see rejected_inputs)"
    )


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="A SELECT query over the public views.")],
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
    warehouse: WarehouseOpt = DEFAULT_WAREHOUSE,
) -> None:
    """Answer an ad-hoc query on a read-only connection; anything that writes is refused."""
    from pilkada.sqlguard import RefusedStatement
    from pilkada.sqlguard import query as run_query
    from pilkada.warehouse import WarehouseError

    try:
        frame = run_query(warehouse, query)
    except RefusedStatement as exc:
        _fail(str(exc), 3)
    except WarehouseError as exc:
        _fail(str(exc), 2)
    except Exception as exc:  # noqa: BLE001 - a SQL error is the user's to read
        _fail(str(exc).splitlines()[0], 1)
    if fmt is Format.csv:
        sys.stdout.write(frame.to_csv(index=False))
    elif fmt is Format.json:
        records = [{k: _plain(v) for k, v in row.items()} for row in frame.to_dict("records")]
        sys.stdout.write(json.dumps(records, ensure_ascii=False, default=str) + "\n")
    else:
        table = Table(show_header=True)
        for column in frame.columns:
            table.add_column(str(column), overflow="fold")
        for row in frame.itertuples(index=False):
            table.add_row(*("" if v is None or v != v else str(v) for v in row))
        console.print(table)
        console.print(f"{len(frame)} rows")


def _plain(value: object) -> object:
    """A JSON value: numpy scalars unwrapped, NaN/NaT as null, dates and times as ISO text."""
    if hasattr(value, "item"):
        value = value.item()
    if value is None or value != value:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Option("--gold", "-g", help="Gold labels (JSON lines).")],
    warehouse: WarehouseOpt = DEFAULT_WAREHOUSE,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Print accuracy measures of the warehouse against your own labelled articles."""
    from pilkada.evaluation import evaluate as run_eval
    from pilkada.evaluation import read_gold
    from pilkada.sqlguard import connect_readonly

    con = connect_readonly(warehouse)
    try:
        result = run_eval(con, read_gold(gold))
    finally:
        con.close()
    if as_json:
        console.print_json(json.dumps(result))
        return
    table = Table(show_header=True)
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key, value in result.items():
        table.add_row(key, f"{value:.3f}")
    console.print(table)


@app.command()
def report(
    warehouse: WarehouseOpt = DEFAULT_WAREHOUSE,
    out_dir: Annotated[
        str, typer.Option("--out-dir", "-o", help="Folder for index.html and data_docs/.")
    ] = "data/reports",
    wait: Annotated[
        float, typer.Option(help="Seconds to wait for a process holding the warehouse locked.")
    ] = 0.0,
) -> None:
    """Write the HTML data-quality report and the GX Data Docs (of the last published state)."""
    from flows.report import quality_report
    from pilkada.warehouse import WarehouseError

    try:
        index = quality_report(warehouse=warehouse, out_dir=out_dir, wait=wait)
    except WarehouseError as exc:
        _fail(str(exc), getattr(exc, "exit_code", 2))
    console.print(f"report: {index}")


def main() -> None:
    """Entry point for `python -m pilkada`."""
    app()


if __name__ == "__main__":
    main()
