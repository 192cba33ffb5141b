"""The `pilkada` command: build the warehouse, query it, check its accuracy, report on it."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from pilkada.commands.failures import DEBUG, expected_failures, fail
from pilkada.errors import ExitCode
from pilkada.settings import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_WAREHOUSE,
    MIN_AUTO_BATCH,
    configure_environment,
    set_workers,
)

configure_environment()

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
# piped or captured output is not cut to 80 columns: tables stay one line per row up to 160
console = Console(width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True)

WarehouseOpt = Annotated[str, typer.Option("--warehouse", "-w", help="DuckDB warehouse file.")]
WaitOpt = Annotated[
    float, typer.Option("--wait", help="Seconds to wait for a build holding the warehouse.")
]


class Runner(StrEnum):
    thread = "thread"
    dask = "dask"


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    parquet = "parquet"


class ExportFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"


def _fail(message: str, code: int) -> None:
    fail(message, ExitCode(code))


def _open_readers() -> None:
    """Import what reading the warehouse needs (DuckDB, pandas via the warehouse module: about a
    second on a busy machine) behind a spinner, so something shows at once."""
    with err.status("opening the warehouse ...", spinner="dots"):
        import pilkada.commands.readonly
        import pilkada.sqlguard  # noqa: F401


def _version(value: bool) -> None:
    if value:
        from pilkada.commands.version import version_line

        console.print(version_line(), highlight=False)
        raise typer.Exit()


@app.callback()
def main_options(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks of expected errors too.")
    ] = False,
    version: Annotated[  # noqa: ARG001 - handled eagerly by _version
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Build the warehouse, query it, check its accuracy, report on it."""
    DEBUG["on"] = debug


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
    from pilkada.run import reaper
    from pilkada.settings import check_state_folder

    with expected_failures():
        check_state_folder()  # an unwritable PREFECT_HOME: one line, exit 5
    reaper.start()  # however this run ends, its pool and Prefect server end with it
    if not quiet:
        err.print("build-warehouse: starting Prefect and the flow run ...", highlight=False)
    with err.status("starting Prefect ...", spinner="dots"), expected_failures():
        from flows.build import build_warehouse
    from pilkada.commands.failures import quiet_prefect_failures
    from pilkada.commands.outcome import print_summary, run_outcome
    from pilkada.errors import QualityGateFailed

    flow = build_warehouse
    if task_runner is Runner.dask:
        from prefect_dask import DaskTaskRunner

        set_workers(1)  # Dask spreads the batches; no pool inside a worker

        flow = build_warehouse.with_options(
            task_runner=DaskTaskRunner(address=dask_address) if dask_address else DaskTaskRunner()
        )
    with expected_failures():
        try:
            with quiet_prefect_failures():
                summary = flow(
                    articles=articles,
                    official=official,
                    warehouse=warehouse,
                    batch_size=batch_size,
                    lock_timeout=lock_timeout,
                    show_progress=not quiet and sys.stderr.isatty(),
                )
        except QualityGateFailed as exc:
            if getattr(exc, "summary", None):
                print_summary(exc.summary, console)
            raise
    print_summary(summary, console)
    code, message = run_outcome(summary)
    if code is not ExitCode.OK:
        fail(message, code)


class QuarantineAction(StrEnum):
    list = "list"
    show = "show"
    retry = "retry"


@app.command()
def quarantine(
    action: Annotated[QuarantineAction, typer.Argument(help="list, show or retry.")],
    article_ids: Annotated[
        list[str] | None,
        typer.Argument(help="Article ids (show: a prefix is enough; retry: none = all)."),
    ] = None,
    warehouse: WarehouseOpt = DEFAULT_WAREHOUSE,
    show_all: Annotated[
        bool, typer.Option("--all", help="list: also the articles released since.")
    ] = False,
    limit: Annotated[int, typer.Option(help="list: rows shown.")] = 100,
    lock_timeout: Annotated[
        float, typer.Option(help="retry: seconds to wait for a running build.")
    ] = 0.0,
) -> None:
    """Articles the quality gate set aside: list them, show why, or retry them on the next run."""
    _open_readers()
    from pilkada.commands.readonly import open_warehouse, require_warehouse
    from pilkada.load import warehouse as wh

    def read(name: str, params: dict) -> object:
        con = open_warehouse(warehouse)
        try:
            return con.execute(wh.sql_file("queries", name), params).df()
        finally:
            con.close()

    if action is QuarantineAction.show and not article_ids:
        _fail("quarantine show: give an article id (or its first characters)", 2)
    with expected_failures():  # no warehouse: exit 2; busy or foreign: exit 4
        require_warehouse(warehouse)
        if action is QuarantineAction.retry:
            from pilkada.load.publish import open_writer

            # like a build: written in the work file, then published (readers never blocked)
            with open_writer(warehouse, lock_timeout=lock_timeout) as writer:
                rows = writer.con.execute(
                    wh.sql_file("queries", "quarantine_retry.sql"),
                    {"ids": list(article_ids or [])},
                ).fetchall()
            console.print(
                f"{len(rows)} quarantined articles will be read again by the next `pilkada run`"
                " of their inputs"
            )
            return
        if action is QuarantineAction.list:
            frame = read("quarantine_list.sql", {"all": show_all, "limit": limit})
        else:
            frame = read("quarantine_show.sql", {"prefix": article_ids[0].lower()})
    if action is QuarantineAction.show:
        if frame.empty:
            _fail(f"no quarantined article {article_ids[0]!r}", 2)
        for record in frame.to_dict("records"):
            for key, value in record.items():
                shown = None if value is None or value != value else value  # NaN/NaT: empty
                console.print(f"[bold]{key}[/]: {shown}", highlight=False)
            console.print()
        return
    if frame.empty:
        console.print("no articles set aside" + ("" if show_all else " (now; --all: ever)"))
        return
    table = Table(show_header=True)
    for column in frame.columns:
        if column == "article_id":
            table.add_column(column, no_wrap=True, min_width=16)
        else:
            table.add_column(str(column), overflow="fold")
    for row in frame.itertuples(index=False):
        table.add_row(*("" if v is None or v != v else str(v) for v in row))
    console.print(table)
    console.print(f"{len(frame)} articles")


@app.command()
def sql(
    query: Annotated[
        str | None,
        typer.Argument(help="A SELECT query over the public views; `-` reads standard input."),
    ] = None,
    file: Annotated[
        Path | None, typer.Option("--file", "-F", help="Read the query from this file.")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
    limit: Annotated[
        int | None,
        typer.Option(min=1, help="Rows shown in table format (default: a screenful)."),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write csv/json/parquet to this file.")
    ] = None,
    timeout: Annotated[
        float | None,
        typer.Option(
            help="Stop the query after this many seconds (0: no limit)."
            " Default: $PILKADA_SQL_TIMEOUT, else 300."
        ),
    ] = None,
    warehouse: WarehouseOpt = DEFAULT_WAREHOUSE,
    wait: WaitOpt = 0.0,
) -> None:
    """Answer an ad-hoc query on a read-only connection; anything that writes is refused."""
    _open_readers()
    from pilkada.commands.sql import read_query, run_sql, screenful

    text = read_query(query, file)
    with expected_failures():
        run_sql(
            text,
            warehouse=warehouse,
            fmt=fmt.value,
            limit=limit or screenful(),
            out=out,
            wait=wait,
            timeout=timeout,
            console=console,
        )


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Option("--gold", "-g", help="Gold labels (JSON lines).")],
    warehouse: WarehouseOpt = DEFAULT_WAREHOUSE,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    names: Annotated[
        Path | None,
        typer.Option("--names", help="Labelled person names (default: the bundled list)."),
    ] = None,
) -> None:
    """Print accuracy measures of the warehouse against your own labelled articles, and the
    precision / recall of person names on the labelled articles it holds."""
    _open_readers()
    from pilkada.commands.readonly import open_warehouse
    from pilkada.evaluation.gold import evaluate as run_eval
    from pilkada.evaluation.gold import read_gold
    from pilkada.evaluation.person_names import name_scores, read_labels

    try:
        names_labels = read_labels(names)
    except (OSError, ValueError) as exc:
        _fail(f"--names: {exc}", 2)
    with expected_failures():
        labels = read_gold(gold)
        con = open_warehouse(warehouse)
        try:
            result = run_eval(con, labels)
            result.update(name_scores(con, names_labels))
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
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")] = False,
    wait: Annotated[
        float, typer.Option(help="Seconds to wait for a process holding the warehouse locked.")
    ] = 0.0,
) -> None:
    """Write the HTML data-quality report and the GX Data Docs of the last published state
    (steps shown on stderr)."""
    from pilkada.commands.readonly import require_warehouse

    with expected_failures():
        require_warehouse(warehouse)  # before Prefect's start-up
    if not quiet:
        err.print("report: starting Prefect and Great Expectations ...", highlight=False)
    with expected_failures():
        from flows.report import quality_report
    from pilkada.commands.failures import quiet_prefect_failures

    if not quiet:
        err.print("report: starting the flow run ...", highlight=False)
    with expected_failures(), quiet_prefect_failures():
        index = quality_report(
            warehouse=warehouse, out_dir=out_dir, show_progress=not quiet, wait=wait
        )
    console.print(f"report: {index}")


@app.command()
def describe(
    view: Annotated[
        str | None, typer.Argument(help="A public view; without it, the list of public views.")
    ] = None,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Print docs/data-dictionary.md (every view).")
    ] = False,
) -> None:
    """The data dictionary: the public views, or one view's columns with meaning and origin."""
    from pilkada.report import describe as described
    from pilkada.report import dictionary

    if markdown:
        sys.stdout.write(described.markdown())
        return
    if view is None:
        table = Table(show_header=True, title="public views (pilkada describe VIEW for columns)")
        table.add_column("view", no_wrap=True)
        table.add_column("columns", justify="right")
        table.add_column("one row is")
        for v in dictionary.load():
            table.add_row(v.name, str(len(v.columns)), v.description)
        console.print(table)
        return
    try:
        found = described.find_view(view)
    except KeyError as exc:
        _fail(exc.args[0], 2)
    console.print(f"[bold]{found.name}[/]: {found.description}", highlight=False)
    table = Table(show_header=True, show_lines=True)
    table.add_column("column", no_wrap=True)
    table.add_column("type", no_wrap=True)
    table.add_column("meaning")
    table.add_column("values")
    table.add_column("origin")
    for col in found.columns:
        values = ", ".join(col.vocabulary)
        table.add_row(col.name, col.data_type, col.description, values, col.origin_text())
    console.print(table, highlight=False)


@app.command()
def status(warehouse: WarehouseOpt = DEFAULT_WAREHOUSE, wait: WaitOpt = 0.0) -> None:
    """The warehouse at a glance: last run, row counts, quality gate, quarantine, rejections."""
    _open_readers()
    from pilkada.commands import ops

    with expected_failures():
        ops.status(warehouse, wait=wait, console=console)


@app.command()
def runs(
    warehouse: WarehouseOpt = DEFAULT_WAREHOUSE,
    limit: Annotated[int, typer.Option(min=1, help="Runs shown, newest first.")] = 20,
    wait: WaitOpt = 0.0,
) -> None:
    """The last build runs: batches, articles loaded, batches quarantined, inputs rejected."""
    _open_readers()
    from pilkada.commands import ops

    with expected_failures():
        ops.runs(warehouse, limit=limit, wait=wait, console=console)


@app.command()
def rejected(
    warehouse: WarehouseOpt = DEFAULT_WAREHOUSE,
    run: Annotated[str | None, typer.Option(help="Only this run's rejections (its id).")] = None,
    limit: Annotated[int, typer.Option(min=1, help="Rows shown, newest first.")] = 50,
    wait: WaitOpt = 0.0,
) -> None:
    """Inputs that could not be used, with the reason, newest first."""
    _open_readers()
    from pilkada.commands import ops

    with expected_failures():
        ops.rejected(warehouse, run=run, limit=limit, wait=wait, console=console)


@app.command()
def export(
    view: Annotated[str, typer.Option("--view", help="A public view, e.g. meetings.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="File to write.")],
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.parquet,
    warehouse: WarehouseOpt = DEFAULT_WAREHOUSE,
    wait: WaitOpt = 0.0,
) -> None:
    """Write one public view to a Parquet or CSV file (whole, or not at all)."""
    _open_readers()
    from pilkada.commands.export import export as run_export

    with expected_failures():
        n = run_export(warehouse, view=view, fmt=fmt.value, out=out, wait=wait)
    console.print(f"{view}: {n:,} rows written to {out}", highlight=False)


def main() -> None:
    """Entry point for `python -m pilkada`."""
    app()


if __name__ == "__main__":
    main()
